package kaizen.data.decontam;

import java.util.List;
import kaizen.core.KaizenException;

/** The gate failed: some training examples match benchmark items. The message names them. */
public final class ContaminationException extends KaizenException {
    private static final int SHOWN = 20;
    private final List<Finding> findings;

    public ContaminationException(List<Finding> findings, String reportFile) {
        super(message(findings, reportFile));
        this.findings = List.copyOf(findings);
    }

    public List<Finding> findings() {
        return findings;
    }

    private static String message(List<Finding> findings, String reportFile) {
        long examples = findings.stream().map(f -> f.source() + "\u0000" + f.taskId()).distinct().count();
        StringBuilder sb = new StringBuilder("decontamination gate failed: ").append(examples)
                .append(" example(s) match the evaluation benchmarks (all findings in ").append(reportFile).append("):");
        findings.stream().limit(SHOWN).forEach(f -> sb.append("\n  ").append(f.describe()));
        if (findings.size() > SHOWN) sb.append("\n  ... and ").append(findings.size() - SHOWN).append(" more");
        return sb.toString();
    }
}
