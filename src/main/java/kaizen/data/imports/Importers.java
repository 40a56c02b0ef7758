package kaizen.data.imports;

import java.nio.file.Path;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import kaizen.core.KaizenException;

/** Every importer Kaizen has, by name; the one entry point of the package. */
public final class Importers {
    private static final List<Importer> ALL = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(
                    new ShareGptImporter(),
                    new ScienceWorldImporter(),
                    new WebShopImporter(),
                    new JerichoImporter(),
                    new BabyAiImporter(),
                    new ToolBenchImporter(),
                    AgentCollectionImporter.AGENT_INSTRUCT,
                    AgentCollectionImporter.AGENT_FLAN,
                    AgentCollectionImporter.AGENT_TRAJ),
            kaizen.data.imports.texttosql.TextToSqlImporter.all().stream()).toList();

    private Importers() {}

    public static List<Importer> all() {
        return ALL;
    }

    public static Importer named(String name) {
        return ALL.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow(() -> new KaizenException(
                "no importer named '" + name + "'; known: " + ALL.stream().map(Importer::name).collect(Collectors.joining(", "))));
    }

    /**
     * Runs one import into {@code outDir}: {@code trajectories.jsonl}, {@code import-report.json}
     * and {@code import-problems.jsonl}.
     *
     * @param status where periodic status lines go (null for none)
     * @param limit stop after this many kept trajectories (0 = all)
     */
    public static ImportReport run(String name, Path input, Path outDir, PrintStream status, long limit) {
        Importer importer = named(name);
        try (ImportSink sink = new ImportSink(name, input, outDir, status, limit)) {
            importer.run(input, sink);
            return sink.finish();
        }
    }
}
