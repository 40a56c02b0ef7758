package kaizen.harness.dbbench;

import java.util.List;
import kaizen.core.Message;
import kaizen.core.python.PyList;
import kaizen.core.python.PythonRepr;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;

/**
 * An agent that answers from the task's gold data, to check the environment with no model:
 * mutation tasks run the gold SQL (the 'sql' or 'label' field) one statement per turn, then
 * answer; other tasks answer the label at once, written as a Python list.
 */
public final class DbBenchOracle implements ChatModel {
    private final DbBenchTask task;

    public DbBenchOracle(DbBenchTask task) {
        this.task = task;
    }

    @Override
    public ModelReply complete(List<Message> messages) {
        // Turns already taken by the oracle: every assistant message after the scripted "Ok.".
        int taken = (int) messages.stream().filter(m -> m.role() == kaizen.core.Role.ASSISTANT).count() - 1;
        if (task.isMutation() && taken < task.goldSql().size()) {
            String sql = task.goldSql().get(taken);
            return new ModelReply.Text("The gold statement for this task.\nAction: Operation\n```sql\n" + sql + "\n```");
        }
        String answer = task.isMutation() ? "[]" : PythonRepr.repr(new PyList(task.label()));
        return new ModelReply.Text("The gold answer for this task.\nAction: Answer\nFinal Answer: " + answer);
    }
}
