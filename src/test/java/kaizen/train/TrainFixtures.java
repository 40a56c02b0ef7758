package kaizen.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Real inputs for the training tests: a model folder, token data and run files, written to a temp folder. */
final class TrainFixtures {
    private TrainFixtures() {}

    /** A model folder as the worker sees it (config.json + a weights file; the weights are not read here). */
    static Path model(Path dir, int vocab) throws IOException {
        Path m = Files.createDirectories(dir.resolve("model"));
        Files.writeString(m.resolve("config.json"), "{\"model_type\": \"qwen2\", \"vocab_size\": " + vocab + "}");
        Files.writeString(m.resolve("model.safetensors"), "");
        return m;
    }

    /** A worker folder holding the kaizen_worker package (only its presence is checked). */
    static Path worker(Path dir) throws IOException {
        Path w = dir.resolve("worker");
        Files.createDirectories(w.resolve("kaizen_worker"));
        return w;
    }

    /** {@code n} SFT lines in the tokens format: lengths 5..12, the second half trained. */
    static Path sftData(Path dir, int n) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int len = 5 + i % 8;
            StringBuilder ids = new StringBuilder(), loss = new StringBuilder();
            for (int t = 0; t < len; t++) {
                ids.append(t == 0 ? "" : ",").append(10 + (i * 7 + t) % 90);
                loss.append(t == 0 ? "" : ",").append(t >= len / 2 ? 1 : 0);
            }
            sb.append("{\"ids\":[").append(ids).append("],\"loss\":[").append(loss).append("]}\n");
        }
        Path f = dir.resolve("sft.jsonl");
        Files.writeString(f, sb);
        return f;
    }

    static Path yaml(Path dir, String name, String body) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, body);
        return f;
    }

    /** A minimal SFT run file over the fixtures, with {@code extra} appended. */
    static String sftRun(Path dir, Path model, Path data, Path worker, String extra) {
        return "name: t\nmodel: " + model + "\nout: " + dir.resolve("run") + "\ndata:\n  train: " + data
                + "\n  format: tokens\n  max_length: 32\nlaunch:\n  worker: " + worker + "\n" + extra;
    }
}
