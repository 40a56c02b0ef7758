package kaizen.data.decontam;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kaizen.core.Message;
import kaizen.data.text.LongIntMap;
import kaizen.data.text.WordHashes;

/**
 * The decontamination gate's index: every benchmark item's word n-grams (or the whole item when
 * it is shorter than an n-gram) and its shingles, hashed to {@code long}s once, minus the
 * benchmark's format (n-grams in a large share of its tasks). {@link #check} then costs one
 * probe per n-gram of the example. Immutable after construction; safe to share between threads.
 */
public final class ContaminationIndex {
    private static final int MAX_FINDINGS_PER_EXAMPLE = 3;

    private final GateSettings settings;
    private final List<BenchmarkItem> items;
    /** Words per exact key → key hash → reference (item << 32 | word offset) index into {@link #exactRefs}. */
    private final TreeMap<Integer, LongIntMap> exact = new TreeMap<>();
    private long[] exactRefs = new long[1024];
    private int exactRefCount;
    /** Shingle hash → index into {@link #postings} (the distinct items that hold it). */
    private final LongIntMap shingles;
    private final List<int[]> postings = new ArrayList<>();
    /** Per item: how many of its distinct shingles are content (not format); 0 = not near-dup checked. */
    private final int[] itemShingles;
    private final Stats stats;

    /** What the index holds, for the dataset card. */
    public record Stats(Map<String, Integer> unitsPerCorpus, int items, int exactKeys, int shingleKeys, int formatNgramsIgnored) {}

    public ContaminationIndex(List<BenchmarkItem> items, GateSettings settings) {
        this.settings = settings;
        this.items = List.copyOf(items);
        this.itemShingles = new int[items.size()];
        Map<String, Integer> units = unitsPerCorpus(items);
        LongIntMap exactFormat = formatKeys(items, units, true);
        LongIntMap shingleFormat = formatKeys(items, units, false);
        int ignored = 0;
        this.shingles = new LongIntMap(1 << 16);
        for (int i = 0; i < this.items.size(); i++) {
            long[] words = WordHashes.words(this.items.get(i).text());
            ignored += indexExact(i, words, exactFormat);
            indexShingles(i, words, shingleFormat);
        }
        int exactKeys = exact.values().stream().mapToInt(LongIntMap::size).sum();
        this.stats = new Stats(units, items.size(), exactKeys, shingles.size(), ignored);
    }

    /** Reads the benchmarks by path (DBBench task files, ALFWorld game folders) and indexes them. */
    public static ContaminationIndex load(List<java.nio.file.Path> dbbenchFiles, List<java.nio.file.Path> alfworldFolders, GateSettings settings) {
        List<BenchmarkItem> all = new ArrayList<>();
        for (var f : dbbenchFiles) all.addAll(BenchmarkSources.dbbench(f));
        for (var d : alfworldFolders) all.addAll(BenchmarkSources.alfworld(d));
        if (all.isEmpty()) throw new kaizen.core.KaizenException("decontamination needs at least one benchmark: give dbbench task files or alfworld game folders");
        return new ContaminationIndex(all, settings);
    }

    public Stats stats() {
        return stats;
    }

    public GateSettings settings() {
        return settings;
    }

    /** The exact keys of one item's words: its n-grams, or the whole item when shorter (if long enough to mean something). */
    private long[] exactKeys(long[] words) {
        if (words.length >= settings.ngram()) return WordHashes.ngrams(words, settings.ngram());
        if (words.length >= settings.minItemWords()) return WordHashes.ngrams(words, words.length);
        return new long[0];
    }

    private int indexExact(int item, long[] words, LongIntMap format) {
        long[] keys = exactKeys(words);
        if (keys.length == 0) return 0;
        int length = Math.min(words.length, settings.ngram());
        LongIntMap map = exact.computeIfAbsent(length, k -> new LongIntMap(1 << 12));
        int ignored = 0;
        for (int off = 0; off < keys.length; off++) {
            if (format.get(keys[off]) >= 0) {
                ignored++;
                continue;
            }
            if (map.get(keys[off]) >= 0) continue; // the first place it occurs is enough to name
            if (exactRefCount == exactRefs.length) exactRefs = Arrays.copyOf(exactRefs, exactRefCount * 2);
            exactRefs[exactRefCount] = ((long) item << 32) | off;
            map.put(keys[off], exactRefCount++);
        }
        return ignored;
    }

    private void indexShingles(int item, long[] words, LongIntMap format) {
        long[] keys = distinct(WordHashes.ngrams(words, settings.shingle()));
        int content = 0;
        for (long k : keys) {
            if (format.get(k) >= 0) continue;
            content++;
            int p = shingles.get(k);
            if (p < 0) {
                shingles.put(k, postings.size());
                postings.add(new int[] {item});
            } else {
                int[] old = postings.get(p);
                if (old[old.length - 1] != item) {
                    int[] grown = Arrays.copyOf(old, old.length + 1);
                    grown[old.length] = item;
                    postings.set(p, grown);
                }
            }
        }
        // Too few content shingles and "containment" says nothing about the example.
        itemShingles[item] = content >= settings.minItemWords() - settings.shingle() + 1 ? content : 0;
    }

    /**
     * Keys (exact or shingle) that occur in more than {@code formatFraction} of a corpus's units
     * (and in at least 3): the benchmark's format, shared by every task of it.
     */
    private LongIntMap formatKeys(List<BenchmarkItem> all, Map<String, Integer> units, boolean exactKeys) {
        Map<String, LongIntMap> unitsWithKey = new HashMap<>();
        Map<String, LongIntMap> lastUnit = new HashMap<>();
        Map<String, Map<String, Integer>> unitIds = new HashMap<>();
        for (BenchmarkItem item : all) {
            long[] words = WordHashes.words(item.text());
            long[] keys = exactKeys ? exactKeys(words) : WordHashes.ngrams(words, settings.shingle());
            LongIntMap df = unitsWithKey.computeIfAbsent(item.corpus(), c -> new LongIntMap(1 << 16));
            LongIntMap last = lastUnit.computeIfAbsent(item.corpus(), c -> new LongIntMap(1 << 16));
            Map<String, Integer> ids = unitIds.computeIfAbsent(item.corpus(), c -> new HashMap<>());
            int unit = ids.computeIfAbsent(item.unit(), u -> ids.size());
            for (long k : keys) {
                if (last.get(k) == unit) continue; // count each unit once
                last.put(k, unit);
                df.add(k, 1);
            }
        }
        LongIntMap format = new LongIntMap(1 << 10);
        for (var e : unitsWithKey.entrySet()) {
            int limit = Math.max(3, (int) Math.floor(settings.formatFraction() * units.get(e.getKey())) + 1);
            e.getValue().forEach((k, n) -> {
                if (n >= limit) format.put(k, 0);
            });
        }
        return format;
    }

    private static Map<String, Integer> unitsPerCorpus(List<BenchmarkItem> items) {
        Map<String, java.util.Set<String>> sets = new TreeMap<>();
        for (BenchmarkItem i : items) sets.computeIfAbsent(i.corpus(), c -> new java.util.HashSet<>()).add(i.unit());
        Map<String, Integer> out = new LinkedHashMap<>();
        sets.forEach((c, s) -> out.put(c, s.size()));
        return out;
    }

    /**
     * The example's matches (at most {@value #MAX_FINDINGS_PER_EXAMPLE}, strongest evidence first;
     * empty = clean). Each message is checked on its own: n-grams do not span two turns.
     */
    public List<Finding> check(String source, String taskId, List<Message> messages) {
        List<Finding> out = new ArrayList<>();
        Map<Integer, Integer> shared = new HashMap<>();
        Map<Integer, Integer> hits = new TreeMap<>(); // item -> shingles of it in this message; sorted = stable report
        for (int m = 0; m < messages.size() && out.size() < MAX_FINDINGS_PER_EXAMPLE; m++) {
            long[] words = WordHashes.words(messages.get(m).content());
            checkExact(source, taskId, m, words, shared, out);
            // Containment is judged per message: a benchmark item copied into a turn sits in one turn.
            hits.clear();
            countShingles(words, hits);
            for (var h : hits.entrySet()) {
                int item = h.getKey();
                if (itemShingles[item] == 0 || out.size() >= MAX_FINDINGS_PER_EXAMPLE) continue;
                double c = (double) h.getValue() / itemShingles[item];
                if (c >= settings.containment()) {
                    out.add(new Finding(source, taskId, m, "near-duplicate", items.get(item), String.format(java.util.Locale.ROOT,
                            "contains %d of its %d %d-word shingles (%.2f >= %.2f)", h.getValue(), itemShingles[item],
                            settings.shingle(), c, settings.containment())));
                }
            }
        }
        return out;
    }

    private void checkExact(String source, String taskId, int m, long[] words, Map<Integer, Integer> shared, List<Finding> out) {
        for (var e : exact.entrySet()) {
            long[] keys = WordHashes.ngrams(words, e.getKey());
            for (long k : keys) {
                int ref = e.getValue().get(k);
                if (ref < 0) continue;
                int item = (int) (exactRefs[ref] >>> 32);
                int offset = (int) exactRefs[ref];
                int n = shared.merge(item, 1, Integer::sum);
                if (n == settings.minSharedNgrams()) {
                    List<String> itemWords = WordHashes.wordTexts(items.get(item).text());
                    String text = String.join(" ", itemWords.subList(offset, offset + e.getKey()));
                    String what = e.getKey() < settings.ngram() ? "the whole item" : e.getKey() + "-gram";
                    out.add(new Finding(source, taskId, m, "ngram", items.get(item), what + " \"" + text + "\""));
                    if (out.size() >= MAX_FINDINGS_PER_EXAMPLE) return;
                }
            }
        }
    }

    private void countShingles(long[] words, Map<Integer, Integer> hits) {
        long[] keys = distinct(WordHashes.ngrams(words, settings.shingle()));
        for (long k : keys) {
            int p = shingles.get(k);
            if (p < 0) continue;
            for (int item : postings.get(p)) hits.merge(item, 1, Integer::sum);
        }
    }

    private static long[] distinct(long[] keys) {
        long[] copy = keys.clone();
        Arrays.sort(copy);
        int n = 0;
        for (int i = 0; i < copy.length; i++) {
            if (i == 0 || copy[i] != copy[i - 1]) copy[n++] = copy[i];
        }
        return Arrays.copyOf(copy, n);
    }
}
