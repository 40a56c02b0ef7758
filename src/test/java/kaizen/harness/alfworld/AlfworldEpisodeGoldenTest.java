package kaizen.harness.alfworld;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kaizen.core.Json;
import kaizen.harness.model.OpenAiChatClient;
import kaizen.harness.model.RetryPolicy;
import kaizen.testing.FakeOpenAiServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole episodes on the scripted game, the model being the loopback fake server answering a fixed
 * list of outputs: every request's messages, the finish status, the result and the transcript equal
 * what the reference's loop gives (golden/alfworld/episode_*.json from gen_alfworld_golden.py).
 */
class AlfworldEpisodeGoldenTest {
    static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20), 2);

    @ParameterizedTest
    @ValueSource(strings = {"won", "no_action", "empty_output", "repeats", "three_repeats_are_allowed", "max_step", "window"})
    void episodeIsTheReferenceConversation(String scenario) throws Exception {
        JsonNode golden = AlfworldGoldenTest.json("episode_" + scenario + ".json");
        List<String> outputs = ScriptedGame.strings(golden.get("outputs"));
        AlfworldTaskType type = AlfworldTaskType.ofPrefix(golden.get("type").asText());
        AlfworldTask task = new AlfworldTask(0, ScriptedGame.SPEC, type.prefix() + "-X/trial_1", type);
        AlfworldEpisode episode = new AlfworldEpisode(AlfworldPrompt.load(AlfworldGoldenTest.PROMPTS), f -> ScriptedGame.load(),
                golden.get("max_step").asInt());
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> FakeOpenAiServer.reply(outputs.get(r.index())));
                OpenAiChatClient client = OpenAiChatClient.builder(server.baseUrl(), FakeOpenAiServer.MODEL)
                        .retryPolicy(FAST).requestTimeout(Duration.ofSeconds(5)).build()) {
            AlfworldEpisode.Result r = episode.run(task, client);
            JsonNode requests = golden.get("requests");
            assertEquals(requests.size(), server.requestCount());
            for (int i = 0; i < requests.size(); i++) {
                assertEquals(AlfworldGoldenTest.messages(requests.get(i)), server.request(i).messages(), "request " + i);
            }
            assertEquals(golden.get("status").asText(), r.status().text());
            assertEquals(AlfworldGoldenTest.messages(golden.get("history")), r.history());
            Map<String, Object> result = r.toJson();
            assertEquals(Json.mapper().valueToTree(golden.get("result")), Json.mapper().valueToTree(result.get("result")));
            assertEquals(golden.get("log"), Json.mapper().valueToTree(result.get("log")));
            assertEquals(golden.get("result").asBoolean(false), r.won());
        }
    }

    /** The golden scenarios cover every ending the loop has besides context limits and errors. */
    @ParameterizedTest
    @ValueSource(strings = {"completed", "agent invalid action", "task limit reached"})
    void scenariosCoverEnding(String status) throws Exception {
        List<String> seen = new ArrayList<>();
        for (String s : List.of("won", "no_action", "empty_output", "repeats", "three_repeats_are_allowed", "max_step", "window")) {
            seen.add(AlfworldGoldenTest.json("episode_" + s + ".json").get("status").asText());
        }
        assertEquals(true, seen.contains(status), seen.toString());
    }
}
