package kaizen.data.build;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import kaizen.core.BadInputException;
import kaizen.core.KaizenException;
import kaizen.data.decontam.GateSettings;
import kaizen.data.imports.Importers;

/** Reads a recipe YAML file; every error names the file, the line and the field. */
public final class RecipeReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Path file;
    private final Path base;
    private final Map<String, Integer> lines = new HashMap<>();

    private RecipeReader(Path file) {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        this.base = parent == null ? Path.of(".") : parent;
    }

    public static Recipe read(Path file) {
        RecipeReader r = new RecipeReader(file);
        return r.recipe(r.parse());
    }

    private JsonNode parse() {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new KaizenException(file + ": no such recipe file");
        } catch (IOException e) {
            throw new KaizenException(file + ": cannot read: " + e.getMessage(), e);
        }
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            if (p.nextToken() == null) throw new BadInputException(file, 0, null, "the recipe is empty");
            return value(p, "");
        } catch (JsonProcessingException e) {
            throw new BadInputException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null, "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new KaizenException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Builds the tree and remembers the line of every field path. */
    private JsonNode value(JsonParser p, String path) throws IOException {
        lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    lines.put(child, p.currentTokenLocation().getLineNr());
                    p.nextToken();
                    o.set(name, value(p, child));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) a.add(value(p, path + "[" + a.size() + "]"));
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            default -> {
                return NODES.nullNode();
            }
        }
    }

    private BadInputException error(String path, String problem) {
        String at = path;
        while (!lines.containsKey(at) && at.contains(".")) at = at.substring(0, at.lastIndexOf('.'));
        return new BadInputException(file, lines.getOrDefault(at, 0), path, problem);
    }

    // --- the recipe's fields ---

    private Recipe recipe(JsonNode root) {
        Obj top = obj(root, "", Set.of("name", "seed", "out", "sources", "mix", "filters", "dedup", "dpo", "models", "decontamination",
                "tokenizer"));
        String name = top.text("name", null);
        long seed = top.integer("seed", 1);
        Optional<Path> out = Optional.ofNullable(top.text("out", null)).map(base::resolve).map(Path::normalize);
        List<Recipe.Source> sources = sources(top.required("sources"));
        Recipe.Mix mix = mix(top.node("mix"), sources);
        Recipe.Filters filters = filters(top.node("filters"));
        Obj d = obj(top.node("dedup"), "dedup", Set.of("threshold", "shingle"));
        double threshold = d.number("threshold", 0.8);
        if (!(threshold > 0 && threshold <= 1)) throw error("dedup.threshold", "must be in (0, 1], not " + threshold);
        int shingle = (int) d.integer("shingle", 5);
        if (shingle < 1) throw error("dedup.shingle", "must be at least 1");
        Obj p = obj(top.node("dpo"), "dpo", Set.of("enabled", "max_pairs_per_task"));
        Recipe.Dpo dpo = new Recipe.Dpo(p.bool("enabled", false), (int) p.integer("max_pairs_per_task", 1));
        if (dpo.maxPairsPerTask() < 1) throw error("dpo.max_pairs_per_task", "must be at least 1");
        List<String> models = top.node("models") == null ? List.of("chars") : top.textList("models");
        return new Recipe(file, name == null ? stem(file) : name, seed, out, sources, mix, filters, new Recipe.Dedup(threshold, shingle), dpo,
                models, decontamination(top.required("decontamination")),
                Optional.ofNullable(top.text("tokenizer", null)).map(base::resolve).map(Path::normalize).orElse(ModelFormats.DEFAULT_TOKENIZER));
    }

    private List<Recipe.Source> sources(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) throw error("sources", "expected a list of at least one source");
        List<Recipe.Source> out = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "sources[" + i + "]";
            Obj s = obj(node.get(i), at, Set.of("name", "path", "protocol", "tags", "weight", "importer", "verify", "tasks"));
            Path path = base.resolve(requiredText(s, "path")).normalize();
            Optional<String> importer = Optional.ofNullable(s.text("importer", null));
            if (importer.isPresent()) {
                try {
                    Importers.named(importer.get());
                } catch (KaizenException e) {
                    throw error(at + ".importer", e.getMessage());
                }
                if (!Files.exists(path)) throw error(at + ".path", path + " does not exist (the " + importer.get() + " dataset to import)");
            } else if (!Files.isRegularFile(path)) {
                throw error(at + ".path", path + " is not a file");
            }
            // data/synth-dbbench/trajectories.jsonl is "synth-dbbench"; an imported source goes by its importer; other files by their own name.
            String name = s.text("name", importer.orElseGet(() ->
                    stem(path.getFileName().toString().equals(kaizen.data.Trajectory.FILE_NAME) ? path.getParent() : path)));
            if (!names.add(name)) throw error(at + ".name", "two sources are named '" + name + "'; give each a unique name");
            String protocol = requiredText(s, "protocol");
            Protocol proto = Protocol.fromWire(protocol).orElseThrow(() -> error(at + ".protocol",
                    "unknown protocol '" + protocol + "' (expected dbbench, dbbench-multiturn, react or conversation)"));
            Map<String, String> tags = new TreeMap<>();
            JsonNode t = s.node("tags");
            if (t != null) {
                Obj to = obj(t, at + ".tags", null);
                for (String axis : to.keys()) tags.put(axis, to.text(axis, null));
            }
            double weight = s.number("weight", 1.0);
            if (!(weight > 0)) throw error(at + ".weight", "must be positive");
            out.add(new Recipe.Source(name, path, proto, tags, weight, importer, replay(s, at, path)));
        }
        return out;
    }

    /** {@code verify: dbbench} (with {@code tasks:}, default tasks.jsonl beside the trajectories) or {@code verify: household}. */
    private Recipe.Replay replay(Obj s, String at, Path trajectories) {
        String verify = s.text("verify", "none");
        if (!verify.equals("dbbench") && s.node("tasks") != null) throw error(at + ".tasks", "only a source with 'verify: dbbench' has tasks");
        return switch (verify) {
            case "none" -> Recipe.Replay.NONE;
            case "household" -> new Recipe.Replay.Household();
            case "dbbench" -> {
                Path tasks = base.resolve(s.text("tasks", trajectories.resolveSibling("tasks.jsonl").toString())).normalize();
                if (!Files.isRegularFile(tasks)) throw error(at + (s.node("tasks") == null ? ".verify" : ".tasks"),
                        tasks + " is not a file (verify: dbbench needs the generator's tasks.jsonl; give it as 'tasks:')");
                yield new Recipe.Replay.DbBench(tasks);
            }
            default -> throw error(at + ".verify", "unknown replay '" + verify + "' (expected dbbench, household or none)");
        };
    }

    private Recipe.Mix mix(JsonNode node, List<Recipe.Source> sources) {
        Obj m = obj(node, "mix", Set.of("axes", "size", "max_upsample"));
        Map<String, Map<String, Double>> axes = new LinkedHashMap<>();
        JsonNode a = m.node("axes");
        if (a != null) {
            Obj ao = obj(a, "mix.axes", null);
            for (String axis : ao.keys()) {
                Obj ratios = obj(ao.node(axis), "mix.axes." + axis, null);
                Map<String, Double> shares = new LinkedHashMap<>();
                for (String tag : ratios.keys()) {
                    double v = ratios.number(tag, 0);
                    if (!(v > 0)) throw error("mix.axes." + axis + "." + tag, "a ratio must be positive");
                    shares.put(tag, v);
                }
                if (shares.isEmpty()) throw error("mix.axes." + axis, "give at least one tag and its ratio");
                for (int i = 0; i < sources.size(); i++) {
                    String tag = sources.get(i).tags().get(axis);
                    if (tag == null) throw error("sources[" + i + "].tags", "source '" + sources.get(i).name() + "' has no tag on mix axis '" + axis + "'");
                    if (!shares.containsKey(tag)) throw error("sources[" + i + "].tags." + axis,
                            "tag '" + tag + "' has no ratio under mix.axes." + axis + " (ratios given: " + String.join(", ", shares.keySet()) + ")");
                }
                axes.put(axis, shares);
            }
        }
        int size = (int) m.integer("size", 0);
        if (size < 0) throw error("mix.size", "must be 0 (as many as possible) or positive");
        double up = m.number("max_upsample", 1.0);
        if (!(up >= 1)) throw error("mix.max_upsample", "must be at least 1 (1 = never repeat an example)");
        return new Recipe.Mix(axes, size, up);
    }

    private Recipe.Filters filters(JsonNode node) {
        Obj f = obj(node, "filters", Set.of("require_success", "allow_truncated", "length"));
        Obj l = obj(f.node("length"), "filters.length", Set.of("measure", "min", "max"));
        int min = (int) l.integer("min", 1);
        int max = (int) l.integer("max", Integer.MAX_VALUE);
        if (min < 0 || max < min) throw error("filters.length", "needs 0 <= min <= max, not min " + min + ", max " + max);
        return new Recipe.Filters(f.bool("require_success", true), f.bool("allow_truncated", false), l.text("measure", "chars"), min, max);
    }

    private Recipe.Decontamination decontamination(JsonNode node) {
        Obj d = obj(node, "decontamination", Set.of("dbbench", "alfworld", "ngram", "min_item_words", "min_shared_ngrams", "shingle",
                "containment", "format_fraction"));
        List<Path> dbbench = paths(d, "dbbench", false);
        List<Path> alfworld = paths(d, "alfworld", true);
        if (dbbench.isEmpty() && alfworld.isEmpty()) throw error("decontamination", "give the benchmarks to check against: dbbench task files and/or alfworld game folders");
        GateSettings def = GateSettings.DEFAULT;
        try {
            return new Recipe.Decontamination(dbbench, alfworld, new GateSettings((int) d.integer("ngram", def.ngram()),
                    (int) d.integer("min_item_words", def.minItemWords()), (int) d.integer("min_shared_ngrams", def.minSharedNgrams()),
                    (int) d.integer("shingle", def.shingle()), d.number("containment", def.containment()),
                    d.number("format_fraction", def.formatFraction())));
        } catch (IllegalArgumentException e) {
            throw error("decontamination", e.getMessage());
        }
    }

    private List<Path> paths(Obj o, String key, boolean folders) {
        if (o.node(key) == null) return List.of();
        List<String> texts = o.textList(key);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Path p = base.resolve(texts.get(i)).normalize();
            boolean ok = folders ? Files.isDirectory(p) : Files.isRegularFile(p);
            if (!ok) throw error(o.path + "." + key + "[" + i + "]", p + (folders ? " is not a folder" : " is not a file"));
            out.add(p);
        }
        return out;
    }

    private String requiredText(Obj o, String key) {
        String v = o.text(key, null);
        if (v == null) throw error(o.path.isEmpty() ? key : o.path + "." + key, "is missing");
        return v;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private Obj obj(JsonNode node, String path, Set<String> allowed) {
        if (node == null || node.isNull()) return new Obj(NODES.objectNode(), path);
        if (!node.isObject()) throw error(path, "expected a mapping of keys to values");
        if (allowed != null) {
            for (var it = node.fieldNames(); it.hasNext();) {
                String k = it.next();
                if (!allowed.contains(k)) throw error(path.isEmpty() ? k : path + "." + k, "unknown key (expected one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
        return new Obj((ObjectNode) node, path);
    }

    /** A mapping of the recipe with typed getters whose errors point at the field. */
    private final class Obj {
        final ObjectNode node;
        final String path;

        Obj(ObjectNode node, String path) {
            this.node = node;
            this.path = path;
        }

        String at(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        List<String> keys() {
            List<String> out = new ArrayList<>();
            node.fieldNames().forEachRemaining(out::add);
            return out;
        }

        JsonNode node(String key) {
            JsonNode n = node.get(key);
            return n == null || n.isNull() ? null : n;
        }

        JsonNode required(String key) {
            JsonNode n = node(key);
            if (n == null) throw error(at(key), "is missing");
            return n;
        }

        String text(String key, String fallback) {
            JsonNode n = node(key);
            if (n == null) return fallback;
            if (!n.isValueNode() || n.isBoolean()) throw error(at(key), "expected text");
            return n.asText();
        }

        long integer(String key, long fallback) {
            JsonNode n = node(key);
            if (n == null) return fallback;
            if (!n.isIntegralNumber()) throw error(at(key), "expected a whole number, found '" + n.asText() + "'");
            return n.asLong();
        }

        double number(String key, double fallback) {
            JsonNode n = node(key);
            if (n == null) return fallback;
            if (!n.isNumber()) throw error(at(key), "expected a number, found '" + n.asText() + "'");
            return n.asDouble();
        }

        boolean bool(String key, boolean fallback) {
            JsonNode n = node(key);
            if (n == null) return fallback;
            if (!n.isBoolean()) throw error(at(key), "expected true or false, found '" + n.asText() + "'");
            return n.asBoolean();
        }

        List<String> textList(String key) {
            JsonNode n = required(key);
            if (!n.isArray()) throw error(at(key), "expected a list");
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).isTextual()) throw error(at(key) + "[" + i + "]", "expected text");
                out.add(n.get(i).asText());
            }
            return out;
        }
    }
}
