package kaizen.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: the first column left-aligned, the others right-aligned, two spaces apart. */
final class TextTable {
    private final List<List<String>> rows = new ArrayList<>();

    TextTable row(List<String> cells) {
        rows.add(List.copyOf(cells));
        return this;
    }

    String render(String indent) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] width = new int[columns];
        for (List<String> r : rows) for (int i = 0; i < r.size(); i++) width[i] = Math.max(width[i], r.get(i).length());
        StringBuilder sb = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns; i++) {
                String cell = i < r.size() ? r.get(i) : "";
                if (i > 0) line.append("  ");
                String pad = " ".repeat(width[i] - cell.length());
                line.append(i == 0 ? cell + pad : pad + cell);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
