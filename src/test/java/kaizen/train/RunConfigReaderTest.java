package kaizen.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import kaizen.core.BadInputException;
import kaizen.core.KaizenException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigReaderTest {
    @TempDir
    Path dir;
    Path model, data, worker;

    @BeforeEach
    void fixtures() throws Exception {
        model = TrainFixtures.model(dir, 128);
        data = TrainFixtures.sftData(dir, 4);
        worker = TrainFixtures.worker(dir);
    }

    private RunConfig read(String extra, RunConfig.Kind kind) throws Exception {
        return RunConfigReader.read(TrainFixtures.yaml(dir, "run.yaml", TrainFixtures.sftRun(dir, model, data, worker, extra)), kind);
    }

    private BadInputException bad(String extra) {
        return assertThrows(BadInputException.class, () -> read(extra, RunConfig.Kind.SFT));
    }

    @Test
    void missingSettingsTakeThePlansValues() throws Exception {
        RunConfig sft = read("", RunConfig.Kind.SFT);
        assertEquals(64, sft.lora().r());
        assertEquals(128, sft.lora().alpha());
        assertEquals(RunConfigReader.ALL_PROJECTIONS, sft.lora().targets());
        assertEquals(3, sft.optim().epochs());
        assertEquals(16, sft.optim().effectiveBatch());
        assertEquals(0.05, sft.optim().warmupRatio());
        assertEquals("bfloat16", sft.optim().dtype());
        assertTrue(sft.optim().gradientCheckpointing());
        assertEquals(RunConfig.Layout.PACKED, sft.data().layout());
        RunConfig dpo = read("", RunConfig.Kind.DPO);
        assertEquals(1, dpo.optim().epochs());
        assertEquals(5e-7, dpo.optim().learningRate());
        assertEquals(0.1, dpo.loss().beta());
        assertEquals(RunConfig.Layout.PADDED, dpo.data().layout());
    }

    @Test
    void aMisspeltKeyIsNamedWithItsLineAndTheLikelyIntent() {
        BadInputException e = bad("train:\n  epochs: 2\n  lerning_rate: 0.1\n");
        assertEquals("train.lerning_rate", e.field());
        assertEquals(12, e.line());
        assertTrue(e.getMessage().contains("did you mean 'train.learning_rate'"), e.getMessage());
    }

    @Test
    void wrongTypesAndRangesNameTheField() {
        BadInputException type = bad("lora:\n  r: sixty-four\n");
        assertEquals("lora.r", type.field());
        assertEquals(11, type.line());
        assertEquals("train.warmup_ratio", bad("train:\n  warmup_ratio: 0.9\n").field());
    }

    @Test
    void effectiveBatchMustSplitIntoMicroBatchesOnEveryGpu() {
        BadInputException e = bad("train:\n  effective_batch: 16\n  micro_batch: 3\n");
        assertEquals("train.effective_batch", e.field());
        assertTrue(e.getMessage().contains("micro_batch x gpus"));
    }

    @Test
    void dpoRefusesPackingAndSftOnlyWeights() {
        assertEquals("data.layout", assertThrows(BadInputException.class, this::readPackedDpo).field());
        assertEquals("loss.reason_weight", assertThrows(BadInputException.class,
                () -> read("loss:\n  reason_weight: 2\n", RunConfig.Kind.DPO)).field());
    }

    private RunConfig readPackedDpo() throws Exception {
        String body = TrainFixtures.sftRun(dir, model, data, worker, "").replace("  format: tokens\n", "  format: tokens\n  layout: packed\n");
        return RunConfigReader.read(TrainFixtures.yaml(dir, "packed.yaml", body), RunConfig.Kind.DPO);
    }

    @Test
    void theFileMustMatchTheCommandAndItsDataMustExist() throws Exception {
        assertTrue(assertThrows(BadInputException.class, () -> read("kind: dpo\n", RunConfig.Kind.SFT))
                .getMessage().contains("kaizen train dpo"));
        String body = TrainFixtures.sftRun(dir, model, dir.resolve("missing.jsonl"), worker, "");
        assertEquals("data.train", assertThrows(BadInputException.class,
                () -> RunConfigReader.read(TrainFixtures.yaml(dir, "m.yaml", body), RunConfig.Kind.SFT)).field());
    }

    @Test
    void messagesNeedATemplateAndYamlSyntaxErrorsHaveALine() throws Exception {
        String body = TrainFixtures.sftRun(dir, model, data, worker, "").replace("format: tokens", "format: messages");
        assertEquals("data.template", assertThrows(BadInputException.class,
                () -> RunConfigReader.read(TrainFixtures.yaml(dir, "m.yaml", body), RunConfig.Kind.SFT)).field());
        BadInputException syntax = assertThrows(BadInputException.class,
                () -> RunConfigReader.read(TrainFixtures.yaml(dir, "s.yaml", "name: t\nmodel: [unclosed\n"), RunConfig.Kind.SFT));
        assertTrue(syntax.line() >= 2, syntax.getMessage());
        assertThrows(KaizenException.class, () -> RunConfigReader.read(dir.resolve("nope.yaml"), RunConfig.Kind.SFT));
    }
}
