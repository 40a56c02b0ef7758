package kaizen.data.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;
import kaizen.core.KaizenException;
import kaizen.core.Message;
import kaizen.data.Trajectory;
import kaizen.data.decontam.ContaminationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole build on small real inputs: synthetic DBBench trajectories, household ReAct, general chat. */
class DatasetBuildTest {
    static final Path FIXTURES = Path.of("src/test/resources/kaizen/data/build").toAbsolutePath();
    static final Path SHARED = Path.of("../shared/data").toAbsolutePath();

    @TempDir
    Path dir;

    /** Copies the synthetic DBBench file and adds one of each thing a filter must drop. */
    Path dbbenchWithFlaws(List<Trajectory> extra) {
        List<Trajectory> ts = new ArrayList<>(Trajectory.readAll(FIXTURES.resolve("synth-dbbench.jsonl")));
        Trajectory first = ts.getFirst();
        ts.add(with(first, "dup-exact", first.messages(), true));
        List<Message> near = new ArrayList<>(first.messages());
        near.set(near.size() - 1, Message.assistant(near.getLast().content().replace("So the answer", "Therefore the answer")));
        ts.add(with(first, "dup-near", near, true));
        List<Message> twoActions = new ArrayList<>(ts.get(1).messages());
        twoActions.set(3, Message.assistant(twoActions.get(3).content() + "\nAction: Operation\n```sql\nSELECT 1\n```"));
        ts.add(with(ts.get(1), "malformed", twoActions, true));
        List<Message> truncated = new ArrayList<>(ts.get(2).messages());
        truncated.set(4, Message.user(truncated.get(4).content() + "[TRUNCATED]"));
        ts.add(with(ts.get(2), "truncated", truncated, true));
        List<Message> wrong = new ArrayList<>(ts.get(3).messages());
        wrong.set(wrong.size() - 1, Message.assistant("I think it is this.\nAction: Answer\nFinal Answer: [\"wrong\"]"));
        ts.add(with(ts.get(3), ts.get(3).taskId(), wrong, false)); // a failure of a task that also succeeded: a DPO pair
        ts.addAll(extra);
        Path f = dir.resolve("dbbench.jsonl");
        Trajectory.writeAll(f, ts);
        return f;
    }

    static Trajectory with(Trajectory t, String taskId, List<Message> messages, boolean success) {
        return new Trajectory(t.source(), taskId, t.category(), messages, success ? Trajectory.Outcome.SOLVED : new Trajectory.Outcome(false, 0),
                t.seed(), t.metadata());
    }

    Path recipe(Path dbbench, String extra) throws Exception {
        String yaml = """
                name: test-mix
                seed: 7
                sources:
                  - name: synth-dbbench
                    path: %s
                    protocol: dbbench
                    tags: {domain: agent, format: conversation}
                  - name: household
                    path: %s
                    protocol: react
                    tags: {domain: agent, format: react}
                  - name: chat
                    path: %s
                    protocol: conversation
                    tags: {domain: general, format: conversation}
                mix:
                  axes:
                    domain: {agent: 1, general: 4}
                    format: {react: 1, conversation: 9}
                dpo: {enabled: true}
                decontamination:
                  dbbench: [%s]
                  alfworld: [%s]
                """.formatted(dbbench, FIXTURES.resolve("react-household.jsonl"), FIXTURES.resolve("general-chat.jsonl"),
                SHARED.resolve("dbbench/dev.jsonl"), SHARED.resolve("alfworld/json_2.1.1/valid_seen")) + extra;
        Path f = dir.resolve("recipe.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    BuildReport build(Path recipe) {
        return DatasetBuild.run(RecipeReader.read(recipe), dir.resolve("out"), ModelFormats.available(), new PrintStream(new ByteArrayOutputStream()), false);
    }

    @Test
    void everyStageCountsWhatItDropsAndTheMixHoldsBothRatios() throws Exception {
        BuildReport r = build(recipe(dbbenchWithFlaws(List.of()), ""));
        BuildReport.SourceCounts db = r.perSource().get("synth-dbbench");
        assertEquals(49, db.loaded());
        assertEquals(47, db.wellFormed()); // malformed and truncated out
        assertEquals(1, db.failuresForDpo());
        assertEquals(44, db.afterDedup()); // exact and near copies of the first out
        assertEquals(Map.of("exact duplicate", 1, "near-duplicate", 1), r.dedupDrops());
        assertEquals(1, r.qualityDrops().get("truncated observation"));
        assertEquals(1, r.qualityDrops().get("dbbench reply with 2 'Action: ' lines (expected 1)"));
        // 24 chat examples are the scarcest: general 80% -> 30 examples; agent: 3 react + 3 conversation.
        assertEquals("chat", r.mix().limitedBy());
        assertEquals(Map.of("synth-dbbench", 3, "household", 3, "chat", 24), r.mix().perSource());
        assertEquals(1, r.dpoPairs());
        Path out = dir.resolve("out");
        List<JsonlRecord> sft = Jsonl.readAll(out.resolve(DatasetBuild.SFT));
        assertEquals(30, sft.size());
        assertEquals("user", sft.getFirst().node().at("/messages/0/role").asText().equals("system") ? "user"
                : sft.getFirst().node().at("/messages/0/role").asText());
        List<JsonlRecord> share = Jsonl.readAll(out.resolve(DatasetBuild.SFT_SHAREGPT));
        assertTrue(share.stream().allMatch(x -> x.node().at("/conversations/0/from").asText().matches("system|human")));
        JsonlRecord pair = Jsonl.readAll(out.resolve(DatasetBuild.DPO)).getFirst();
        assertEquals("[\"wrong\"]", pair.node().at("/rejected/0/content").asText().replaceAll("(?s).*Final Answer: ", ""));
        assertEquals("user", pair.node().at("/prompt").get(pair.node().at("/prompt").size() - 1).path("role").asText());
        List<String> dropped = Jsonl.readAll(out.resolve(DatasetBuild.DROPPED)).stream().map(x -> x.text("task_id") + ": " + x.text("reason")).toList();
        assertTrue(dropped.contains("dup-exact: exact duplicate of synth-dbbench/" + Trajectory.readAll(FIXTURES.resolve("synth-dbbench.jsonl")).getFirst().taskId()), dropped.toString());
        String card = Files.readString(out.resolve(DatasetBuild.CARD));
        assertTrue(card.contains("| react | 0.1000 | 0.1000 | 3 |"), card);
        assertTrue(card.contains("| general | 0.8000 | 0.8000 | 24 |"), card);
        assertTrue(card.contains("**Passed**: 81 trajectories"), card);
        assertTrue(card.contains("![chars lengths](lengths-chars.png)"), card);
        assertTrue(Files.size(out.resolve("lengths-chars.png")) > 1000);
    }

    @Test
    void aSourceWithAnImporterIsImportedIntoTheBuildFolderFirst() throws Exception {
        Path recipe = recipe(dbbenchWithFlaws(List.of()), "");
        // The chat fixture has OpenAI "messages" records, which the sharegpt importer reads as published.
        Files.writeString(recipe, Files.readString(recipe).replace("    protocol: conversation\n",
                "    protocol: conversation\n    importer: sharegpt\n"));
        BuildReport r = build(recipe);
        assertEquals(24, r.perSource().get("chat").loaded());
        assertEquals(Map.of("synth-dbbench", 3, "household", 3, "chat", 24), r.mix().perSource());
        Path imported = dir.resolve("out").resolve(DatasetBuild.IMPORTS).resolve("chat");
        assertEquals(24, Trajectory.readAll(imported.resolve(Trajectory.FILE_NAME)).size());
        assertTrue(Files.exists(imported.resolve(kaizen.data.imports.ImportSink.REPORT_FILE)));
        assertTrue(Jsonl.readAll(dir.resolve("out").resolve(DatasetBuild.SFT)).stream().anyMatch(x -> x.text("source").equals("chat")
                && x.text("task_id").startsWith("general-chat.jsonl:")));
    }

    @Test
    void sameRecipeSameBytes() throws Exception {
        Path recipe = recipe(dbbenchWithFlaws(List.of()), "");
        build(recipe);
        byte[] first = Files.readAllBytes(dir.resolve("out").resolve(DatasetBuild.SFT));
        byte[] card = Files.readAllBytes(dir.resolve("out").resolve(DatasetBuild.CARD));
        build(recipe);
        assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(dir.resolve("out").resolve(DatasetBuild.SFT))));
        assertTrue(java.util.Arrays.equals(card, Files.readAllBytes(dir.resolve("out").resolve(DatasetBuild.CARD))));
    }

    @Test
    void aPlantedDevQuestionFailsTheBuildAndIsNamed() throws Exception {
        Trajectory base = Trajectory.readAll(FIXTURES.resolve("synth-dbbench.jsonl")).get(5);
        List<Message> ms = new ArrayList<>(base.messages());
        // dev.jsonl line 1's question, verbatim, as the question turn.
        ms.set(2, Message.user("What is the Presentation of Credentials has a Termination of Mission listed as August 15, 2000?\n"
                + "The name of this table is US Ambassadors, and the headers of this table are Representative,Title."));
        Path recipe = recipe(dbbenchWithFlaws(List.of(with(base, "planted-leak", ms, true))), "");
        ContaminationException e = assertThrows(ContaminationException.class, () -> build(recipe));
        assertTrue(e.getMessage().contains("synth-dbbench planted-leak (message 2): ngram match with dbbench dev.jsonl:1 question"), e.getMessage());
        assertTrue(e.getMessage().startsWith("decontamination gate failed: 1 example(s)"), e.getMessage());
        assertEquals("planted-leak", Jsonl.readAll(dir.resolve("out").resolve(DatasetBuild.CONTAMINATION)).getFirst().text("task_id"));
        assertFalse(Files.exists(dir.resolve("out").resolve(DatasetBuild.SFT)));
    }

    @Test
    void aShortSourceFailsWithTheNumbersInsteadOfBendingTheRatio() throws Exception {
        Path recipe = recipe(dbbenchWithFlaws(List.of()), "");
        Files.writeString(recipe, Files.readString(recipe).replace("    format: {react: 1, conversation: 9}\n",
                "    format: {react: 1, conversation: 9}\n  size: 100\n"));
        KaizenException e = assertThrows(KaizenException.class, () -> build(recipe));
        assertTrue(e.getMessage().startsWith("mix: source 'chat' is short: it has 24 examples after filtering, the ratios need 80 of them"), e.getMessage());
        Files.writeString(recipe, Files.readString(recipe).replace("size: 100\n", "size: 100\n  max_upsample: 4\n"));
        assertEquals(100, build(recipe).sftExamples());
    }

    @Test
    void aModelFormatWithoutTheTokenizerFailsClearly() throws Exception {
        Path recipe = recipe(dbbenchWithFlaws(List.of()), "models: [qwen2.5]\n");
        KaizenException e = assertThrows(KaizenException.class, () -> build(recipe));
        assertEquals("model format 'qwen2.5' is not available (it needs the tokenizer package, which this build does not have yet); available: chars",
                e.getMessage());
    }

    @Test
    void aModelFormatRendersAndMeasures() throws Exception {
        ModelFormat words = new ModelFormat() {
            public String id() { return "words"; }
            public String render(List<Message> ms) { return String.join(" | ", ms.stream().map(Message::content).toList()); }
            public int length(List<Message> ms) { return render(ms).split("\\s+").length; }
            public String unit() { return "tokens"; }
        };
        Recipe recipe = RecipeReader.read(recipe(dbbenchWithFlaws(List.of()), "models: [words]\n"));
        BuildReport r = DatasetBuild.run(recipe, dir.resolve("out"), ModelFormats.with(List.of(words)), new PrintStream(new ByteArrayOutputStream()), false);
        assertEquals(List.of("chars", "words"), List.copyOf(r.lengths().keySet()));
        assertEquals(30, Jsonl.readAll(dir.resolve("out/rendered-words.jsonl")).size());
    }
}
