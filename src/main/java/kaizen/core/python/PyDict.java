package kaizen.core.python;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Python {@code dict}, in insertion order. A repeated key (by Python's hash equality) keeps the
 * first key object and its first position but takes the last value, as {@code {1: 'a', 1.0: 'b'}}
 * gives {@code {1: 'b'}}.
 *
 * @throws IllegalArgumentException for an unhashable key
 */
public record PyDict(List<Entry> entries) implements PyValue {

    public record Entry(PyValue key, PyValue value) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    public PyDict {
        List<Entry> unique = new ArrayList<>(entries.size());
        Map<Object, Integer> position = new HashMap<>();
        for (Entry e : entries) {
            Object key = HashKey.of(e.key()).orElseThrow(
                    () -> new IllegalArgumentException("unhashable type: '" + e.key().typeName() + "'"));
            Integer at = position.putIfAbsent(key, unique.size());
            if (at == null) unique.add(e);
            else unique.set(at, new Entry(unique.get(at).key(), e.value()));
        }
        entries = List.copyOf(unique);
    }

    public List<PyValue> keys() {
        return entries.stream().map(Entry::key).toList();
    }

    @Override
    public String typeName() {
        return "dict";
    }
}
