package kaizen.data.imports;

import java.nio.file.Path;

/**
 * Turns one public dataset, in the layout its authors publish, into Kaizen trajectories.
 *
 * <p>An importer streams its input (constant memory on multi-GB files) and hands every record
 * to the {@link ImportSink}: a converted trajectory, a malformed record (skipped and counted,
 * never fatal) or a valid record it leaves out on purpose (counted by reason). Only a problem
 * that makes the whole input unusable — a missing file, a folder without the expected files —
 * is thrown, as a {@link kaizen.core.KaizenException} that says what to give instead.
 */
public interface Importer {
    /** The name used on the command line and in recipes, e.g. {@code spider}. */
    String name();

    /** What it reads, for {@code --help} and {@code --list}: the files and their format. */
    String reads();

    void run(Path input, ImportSink sink);
}
