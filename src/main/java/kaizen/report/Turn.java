package kaizen.report;

/**
 * One model turn of a transcript, as the environment read it.
 *
 * @param number 1-based
 * @param output the model's reply as stored
 * @param action what the harness's parser made of it ("" when it found no action)
 * @param observation what the environment answered ("" when the episode ended on this turn)
 * @param note a problem with this turn visible on its own, e.g. a SQL error or a command that was not
 *     admissible ("" when none)
 */
public record Turn(int number, String output, String action, String observation, String note) {}
