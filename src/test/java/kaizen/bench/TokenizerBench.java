package kaizen.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import kaizen.core.Json;
import kaizen.tokenizer.Tokenizer;

/**
 * Encode throughput on one thread (bench/tokenizer-device.sh runs it next to the reference):
 * <pre>TokenizerBench TOKENIZER_JSON CORPUS_JSONL [ROUNDS]</pre>
 * Encodes every document of the corpus once per round, after 3 warm-up rounds (JIT and the BPE
 * word cache, which the reference also keeps), and prints MB/s of UTF-8 input per round, then
 * the median and best.
 */
public final class TokenizerBench {
    public static void main(String[] args) throws IOException {
        Tokenizer tok = Tokenizer.load(Path.of(args[0]));
        List<String> docs = new ArrayList<>();
        long bytes = 0;
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String doc = Json.parse(line).asText();
            docs.add(doc);
            bytes += doc.getBytes(StandardCharsets.UTF_8).length;
        }
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        long tokens = 0;
        for (int w = 0; w < 3; w++) tokens = encodeAll(tok, docs);
        double[] mbps = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            encodeAll(tok, docs);
            double s = (System.nanoTime() - t0) / 1e9;
            mbps[r] = bytes / 1e6 / s;
            System.out.printf(Locale.ROOT, "kaizen round %d: %.3f s, %.2f MB/s%n", r, s, mbps[r]);
        }
        Arrays.sort(mbps);
        System.out.printf(Locale.ROOT, "kaizen encode: %d docs, %.2f MB, %d tokens; median %.2f MB/s, best %.2f MB/s (one thread)%n",
                docs.size(), bytes / 1e6, tokens, mbps[rounds / 2], mbps[rounds - 1]);
    }

    private static long encodeAll(Tokenizer tok, List<String> docs) {
        long n = 0;
        for (String d : docs) n += tok.encode(d).length;
        return n;
    }
}
