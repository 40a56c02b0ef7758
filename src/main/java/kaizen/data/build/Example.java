package kaizen.data.build;

import kaizen.data.Trajectory;

/** A trajectory on its way through the build, with the recipe source it came from. */
record Example(Recipe.Source source, Trajectory trajectory) {
    String id() {
        return source.name() + "/" + trajectory.taskId();
    }
}
