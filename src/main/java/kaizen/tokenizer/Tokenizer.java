package kaizen.tokenizer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import kaizen.core.BadInputException;
import kaizen.core.Json;

/**
 * A Hugging Face byte-level BPE tokenizer (the kind Qwen2.5 and Qwen3 ship), loaded from the
 * model's tokenizer.json, that encodes and decodes exactly as the reference {@code tokenizers}
 * library does. The pipeline: added tokens are found in the raw text first; the text between
 * them is NFC-normalised, split into pieces by Qwen's pre-tokenizer regex, and each piece's
 * UTF-8 bytes are merged by BPE. Decoding joins the tokens' bytes and decodes them as
 * {@code String::from_utf8_lossy} would (special tokens are kept).
 *
 * <p>Loading refuses a tokenizer.json that uses anything this class does not implement (another
 * normalizer or split regex, BPE dropout, byte fallback, added tokens with strip options), so a
 * model that loads is one that encodes exactly. Instances are immutable and thread-safe.
 */
public final class Tokenizer {
    private final Map<String, Integer> vocab;
    private final byte[][] tokenBytes;
    private final BpeModel bpe;
    private final AddedTokens added;

    private Tokenizer(Map<String, Integer> vocab, byte[][] tokenBytes, BpeModel bpe, AddedTokens added) {
        this.vocab = vocab;
        this.tokenBytes = tokenBytes;
        this.bpe = bpe;
        this.added = added;
    }

    /** Loads tokenizer.json from a model folder (or the file itself). */
    public static Tokenizer load(Path modelFolderOrFile) {
        Path file = Files.isDirectory(modelFolderOrFile) ? modelFolderOrFile.resolve("tokenizer.json") : modelFolderOrFile;
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, 0, "", "no tokenizer.json here: point at the model folder that holds it");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new Loader(file).read(in);
        } catch (IOException e) {
            throw new BadInputException(file, 0, "", "cannot read tokenizer.json: " + e.getMessage());
        }
    }

    /** Token ids of {@code text}; added tokens written in the text become their ids, as the reference does. */
    public int[] encode(String text) {
        IntList out = new IntList(text.length() / 3 + 8);
        byte[] scratch = new byte[256];
        int pos = 0;
        while (pos < text.length()) {
            AddedTokens.Match m = added.find(text, pos);
            int stop = m == null ? text.length() : m.start();
            encodeOrdinary(text.substring(pos, stop), out, scratch);
            if (m == null) break;
            out.add(m.id());
            pos = m.end();
        }
        return out.toArray();
    }

    private void encodeOrdinary(String segment, IntList out, byte[] scratch) {
        if (segment.isEmpty()) return;
        String s = needsNormalizing(segment) ? Normalizer.normalize(segment, Normalizer.Form.NFC) : segment;
        QwenSplitter.split(s, 0, s.length(), (start, end) -> bpe.encodeWord(s, start, end, out, scratch));
    }

    /** Characters below U+0300 are all NFC-stable, so pure Latin-1 text skips the normaliser. */
    private static boolean needsNormalizing(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x300) return true;
        }
        return false;
    }

    /** The text of {@code ids}, special tokens included; invalid UTF-8 becomes U+FFFD as in the reference. */
    public String decode(int[] ids) {
        int len = 0;
        for (int id : ids) len += bytesOf(id).length;
        byte[] buf = new byte[len];
        int at = 0;
        for (int id : ids) {
            byte[] b = bytesOf(id);
            System.arraycopy(b, 0, buf, at, b.length);
            at += b.length;
        }
        return Utf8.decodeLossy(buf, len);
    }

    /**
     * How many UTF-8 bytes {@code text[from, to)} takes as the encoder sees it (added tokens raw,
     * the rest NFC-normalised): with {@link #textBytes(int)}, this places tokens in text.
     */
    int normalizedBytes(String text, int from, int to) {
        String part = text.substring(from, to);
        int n = 0, pos = 0;
        while (pos < part.length()) {
            AddedTokens.Match m = added.find(part, pos);
            int stop = m == null ? part.length() : m.start();
            String segment = part.substring(pos, stop);
            String s = needsNormalizing(segment) ? Normalizer.normalize(segment, Normalizer.Form.NFC) : segment;
            n += Utf8.length(s, 0, s.length());
            if (m == null) break;
            n += Utf8.length(part, m.start(), m.end());
            pos = m.end();
        }
        return n;
    }

    /** How many bytes of (normalised) text token {@code id} covers. */
    int textBytes(int id) {
        String content = added.content(id);
        return content != null ? Utf8.length(content, 0, content.length()) : bytesOf(id).length;
    }

    private byte[] bytesOf(int id) {
        if (id < 0 || id >= tokenBytes.length || tokenBytes[id] == null) {
            throw new IllegalArgumentException("token id " + id + " is not in this tokenizer's vocabulary");
        }
        return tokenBytes[id];
    }

    /** The id of a vocabulary or added token, written as in tokenizer.json. */
    public OptionalInt tokenId(String token) {
        Integer id = vocab.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** One more than the largest token id. */
    public int vocabSize() {
        return tokenBytes.length;
    }

    /** Reads tokenizer.json: the small sections as trees, the vocabulary and merges streamed. */
    private static final class Loader {
        private final Path file;
        private final List<AddedToken> addedTokens = new ArrayList<>();
        private final Map<String, Integer> vocab = new HashMap<>(300_000);
        private final List<String[]> merges = new ArrayList<>(200_000);

        Loader(Path file) {
            this.file = file;
        }

        private BadInputException bad(String field, String problem) {
            return new BadInputException(file, 0, field, problem);
        }

        Tokenizer read(InputStream in) throws IOException {
            try (JsonParser p = Json.mapper().getFactory().createParser(in)) {
                expect(p.nextToken(), JsonToken.START_OBJECT, "");
                boolean sawModel = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    switch (field) {
                        case "added_tokens" -> readAddedTokens(Json.mapper().readTree(p));
                        case "normalizer" -> checkNormalizer(Json.mapper().readTree(p));
                        case "pre_tokenizer" -> checkPreTokenizer(Json.mapper().readTree(p));
                        case "decoder" -> checkByteLevel("decoder", Json.mapper().readTree(p), false);
                        case "post_processor" -> checkByteLevel("post_processor", Json.mapper().readTree(p), true);
                        case "model" -> {
                            readModel(p);
                            sawModel = true;
                        }
                        default -> p.skipChildren();
                    }
                }
                if (!sawModel) throw bad("model", "missing");
            }
            return build();
        }

        private void expect(JsonToken got, JsonToken want, String field) {
            if (got != want) throw bad(field, "expected " + want + ", found " + got);
        }

        private void readAddedTokens(JsonNode list) {
            for (JsonNode t : list) {
                for (String flag : List.of("lstrip", "rstrip", "single_word", "normalized")) {
                    if (t.path(flag).asBoolean(false)) {
                        throw bad("added_tokens", "token " + t.path("content").asText() + " sets " + flag
                                + ", which Kaizen's tokenizer does not implement");
                    }
                }
                addedTokens.add(new AddedToken(t.path("id").asInt(), t.path("content").asText(), t.path("special").asBoolean()));
            }
        }

        private void checkNormalizer(JsonNode n) {
            if (n.isNull()) return;
            if (!n.path("type").asText().equals("NFC")) {
                throw bad("normalizer", "only NFC is implemented, found " + n);
            }
        }

        private void checkPreTokenizer(JsonNode n) {
            JsonNode steps = n.path("pretokenizers");
            boolean ok = n.path("type").asText().equals("Sequence") && steps.size() == 2
                    && steps.get(0).path("type").asText().equals("Split")
                    && steps.get(0).path("pattern").path("Regex").asText().equals(QwenSplitter.PATTERN)
                    && steps.get(0).path("behavior").asText().equals("Isolated")
                    && !steps.get(0).path("invert").asBoolean()
                    && steps.get(1).path("type").asText().equals("ByteLevel")
                    && !steps.get(1).path("add_prefix_space").asBoolean()
                    && !steps.get(1).path("use_regex").asBoolean();
            if (!ok) {
                throw bad("pre_tokenizer", "only Qwen's Split regex followed by ByteLevel(use_regex=false) is implemented, found " + n);
            }
        }

        private void checkByteLevel(String field, JsonNode n, boolean mayBeNull) {
            if (mayBeNull && n.isNull()) return;
            if (!n.path("type").asText().equals("ByteLevel") || n.path("add_prefix_space").asBoolean()) {
                throw bad(field, "only ByteLevel without add_prefix_space is implemented, found " + n);
            }
        }

        private void readModel(JsonParser p) throws IOException {
            expect(p.currentToken(), JsonToken.START_OBJECT, "model");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "type" -> requireValue("model.type", p.getText(), "BPE");
                    case "vocab" -> readVocab(p);
                    case "merges" -> readMerges(p);
                    case "dropout", "unk_token" -> {
                        if (value != JsonToken.VALUE_NULL) throw bad("model." + field, "must be null (BPE dropout and unknown tokens are not implemented)");
                    }
                    case "continuing_subword_prefix", "end_of_word_suffix" -> {
                        if (value != JsonToken.VALUE_NULL && !p.getText().isEmpty()) throw bad("model." + field, "must be empty");
                    }
                    case "byte_fallback", "ignore_merges" -> {
                        if (value == JsonToken.VALUE_TRUE) throw bad("model." + field, "must be false");
                    }
                    default -> p.skipChildren();
                }
            }
        }

        private void requireValue(String field, String got, String want) {
            if (!got.equals(want)) throw bad(field, "expected " + want + ", found " + got);
        }

        private void readVocab(JsonParser p) throws IOException {
            expect(p.currentToken(), JsonToken.START_OBJECT, "model.vocab");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String token = p.currentName();
                p.nextToken();
                vocab.put(token, p.getIntValue());
            }
        }

        private void readMerges(JsonParser p) throws IOException {
            expect(p.currentToken(), JsonToken.START_ARRAY, "model.merges");
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == JsonToken.VALUE_STRING) { // the older "a b" form
                    String[] pair = p.getText().split(" ", 2);
                    if (pair.length != 2) throw bad("model.merges", "merge '" + p.getText() + "' is not two tokens");
                    merges.add(pair);
                } else {
                    expect(t, JsonToken.START_ARRAY, "model.merges");
                    p.nextToken();
                    String a = p.getText();
                    p.nextToken();
                    String b = p.getText();
                    expect(p.nextToken(), JsonToken.END_ARRAY, "model.merges");
                    merges.add(new String[] {a, b});
                }
            }
        }

        private Tokenizer build() {
            int size = 0;
            for (int id : vocab.values()) size = Math.max(size, id + 1);
            for (AddedToken t : addedTokens) size = Math.max(size, t.id() + 1);
            byte[][] tokenBytes = new byte[size][];
            for (Map.Entry<String, Integer> e : vocab.entrySet()) {
                byte[] b = ByteLevel.bytesOf(e.getKey());
                if (b == null) throw bad("model.vocab", "token '" + e.getKey() + "' is not written in byte-level characters");
                tokenBytes[e.getValue()] = b;
            }
            Map<String, Integer> allTokens = new HashMap<>(vocab);
            for (AddedToken t : addedTokens) {
                byte[] mapped = ByteLevel.bytesOf(t.content());
                tokenBytes[t.id()] = mapped != null ? mapped : t.content().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                allTokens.put(t.content(), t.id());
            }
            int[] byteTokens = new int[256];
            for (int b = 0; b < 256; b++) {
                Integer id = vocab.get(String.valueOf(ByteLevel.charOf(b)));
                if (id == null) throw bad("model.vocab", "byte " + b + " has no token, so some text could not be encoded");
                byteTokens[b] = id;
            }
            BpeModel.PairMap pairs = new BpeModel.PairMap(merges.size());
            for (int rank = 0; rank < merges.size(); rank++) {
                String[] m = merges.get(rank);
                Integer a = vocab.get(m[0]), b = vocab.get(m[1]), merged = vocab.get(m[0] + m[1]);
                if (a == null || b == null || merged == null) {
                    throw bad("model.merges", "merge " + rank + " (" + m[0] + " " + m[1] + ") uses a token missing from the vocabulary");
                }
                pairs.putIfAbsent(a, b, rank, merged);
            }
            return new Tokenizer(Map.copyOf(allTokens), tokenBytes, new BpeModel(byteTokens, pairs), new AddedTokens(addedTokens));
        }
    }
}
