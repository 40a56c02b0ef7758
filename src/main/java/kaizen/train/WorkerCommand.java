package kaizen.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the worker is started: the command line and the environment it adds. */
public record WorkerCommand(List<String> argv, Map<String, String> environment) {
    public WorkerCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }

    /**
     * One GPU: {@code python -m kaizen_worker KIND --config FILE}. Several: the same module under
     * torchrun ({@code python -m torch.distributed.run --standalone --nproc_per_node N}), one
     * process a GPU; the worker splits each step's rows across ranks and all-reduces the LoRA
     * gradients. {@code resume} continues from the run's latest complete checkpoint.
     */
    public static WorkerCommand of(RunConfig c, Path workerJson, boolean resume, String inheritedPythonPath) {
        List<String> argv = new ArrayList<>();
        argv.add(c.launch().python());
        if (c.launch().gpus() > 1) {
            argv.addAll(List.of("-m", "torch.distributed.run", "--standalone", "--nproc_per_node", Integer.toString(c.launch().gpus())));
        }
        argv.addAll(List.of("-m", "kaizen_worker", c.kind().id(), "--config", workerJson.toString()));
        if (resume) argv.add("--resume");
        Map<String, String> env = environment(c.launch(), inheritedPythonPath);
        if (c.launch().gpus() > 1) {
            env.put("NCCL_NVLS_ENABLE", "0"); // NVLink multicast gains nothing for LoRA gradients and can wedge shared hosts
        }
        return new WorkerCommand(argv, env);
    }

    /** GRPO: {@code python -m kaizen_worker grpo --config FILE}, one process (it also serves generations). */
    public static WorkerCommand grpo(GrpoConfig c, Path workerJson, boolean resume, String inheritedPythonPath) {
        List<String> argv = new ArrayList<>(List.of(c.launch().python(), "-m", "kaizen_worker", "grpo", "--config", workerJson.toString()));
        if (resume) argv.add("--resume");
        return new WorkerCommand(argv, environment(c.launch(), inheritedPythonPath));
    }

    private static Map<String, String> environment(RunConfig.Launch launch, String inheritedPythonPath) {
        Map<String, String> env = new LinkedHashMap<>();
        String worker = launch.worker().toAbsolutePath().toString();
        env.put("PYTHONPATH", inheritedPythonPath.isEmpty() ? worker : worker + java.io.File.pathSeparator + inheritedPythonPath);
        env.put("PYTHONUNBUFFERED", "1"); // events must reach Java as they happen
        env.put("HF_HUB_OFFLINE", "1"); // model folders are local; never reach the hub
        env.put("TRANSFORMERS_OFFLINE", "1");
        env.put("TOKENIZERS_PARALLELISM", "false");
        return env;
    }

    /** Starts the worker with stderr appended to {@code log}; stdout is the caller's to read. */
    Process start(Path log) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(environment);
        try {
            return pb.start();
        } catch (java.io.IOException e) {
            throw new kaizen.core.KaizenException("cannot start the worker (" + argv.getFirst() + "): " + e.getMessage()
                    + "; set launch.python in the run file", e);
        }
    }
}
