package kaizen.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import kaizen.core.KaizenException;
import kaizen.data.build.BuildReport;
import kaizen.data.build.DatasetBuild;
import kaizen.data.build.DefaultDataset;
import kaizen.data.build.ModelFormats;
import kaizen.data.build.Recipe;
import kaizen.data.build.RecipeReader;
import kaizen.env.db.LazyDbEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = {
            "Build SFT and DPO sets from trajectory files as a recipe says: decontamination gate against the benchmarks",
            "(a match fails the build and names the examples), replay of sources marked verify: (DBBench on MariaDB, household",
            "in its world), quality filters, exact and near-duplicate dedup, mixing to",
            "target ratios, and export as OpenAI-messages JSONL, ShareGPT JSONL and Parquet with a dataset card (README.md).",
            "The recipe format is in docs/DATA.md."},
        footer = {"", "Examples:", "  kaizen data build --default                 Kaizen's own synthetic data, generated when missing (no model)",
            "  kaizen data build docs/examples/recipe.yaml --out data/build/sft-v1"})
final class DataBuildCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RECIPE.yaml", description = "The recipe.")
    Path recipeFile;

    @Option(names = "--default", description = {
        "Build recipes/default.yaml (run from the checkout): synthetic DBBench, household ReAct and StateAct trajectories and",
        "their negatives, generated into data/default/ when missing (delete it to regenerate), every conversation replayed."})
    boolean defaultRecipe;

    @picocli.CommandLine.Mixin
    DbServerOptions db;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: the recipe's 'out'); its files are replaced.")
    Path out;

    @picocli.CommandLine.Mixin
    ProgressOption progressBar;

    @picocli.CommandLine.Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        if (defaultRecipe == (recipeFile != null)) throw new KaizenException("give a RECIPE.yaml or --default (one of them)");
        try (LazyDbEnvironment env = new LazyDbEnvironment(db::start)) {
            if (defaultRecipe) {
                if (!Files.isRegularFile(DefaultDataset.RECIPE)) {
                    throw new KaizenException(DefaultDataset.RECIPE + " not found: run --default from the Kaizen checkout");
                }
                recipeFile = DefaultDataset.RECIPE;
                DefaultDataset.prepare(DefaultDataset.DATA, env, System.out, progressBar.shown());
            }
            return build(env);
        }
    }

    private int build(LazyDbEnvironment env) {
        Recipe recipe = RecipeReader.read(recipeFile);
        Path dir = out != null ? out : recipe.out().orElseThrow(() ->
                new KaizenException(recipeFile + ": no output folder: give --out DIR or 'out:' in the recipe"));
        BuildReport r = DatasetBuild.run(recipe, dir, ModelFormats.available(recipe.tokenizer()), System.out, progressBar.shown(), env);
        System.out.printf(Locale.ROOT, "built %s in %.1f s: %d SFT examples%s; decontamination passed (%d checked)%n",
                recipe.name(), r.seconds(), r.sftExamples(), recipe.dpo().enabled() ? ", " + r.dpoPairs() + " DPO pairs" : "",
                r.gate().examplesChecked());
        System.out.println("wrote " + dir.resolve(DatasetBuild.CARD) + " and " + String.join(", ", r.files()));
        return 0;
    }
}
