package dev.vigil;

import java.util.concurrent.Callable;

/** The {@code task.name} of a submitted task: its given name, else its class's simple name. */
final class TaskNames {
    private TaskNames() {
    }

    static String of(Object task) {
        if (task instanceof Task) {
            return ((Task) task).name();
        }
        if (task instanceof Task.NamedCallable) {
            return ((Task.NamedCallable<?>) task).name;
        }
        if (task instanceof TaskExecutorService.TaskFuture) {
            return ((TaskExecutorService.TaskFuture<?>) task).name;
        }
        return classNameOf(task instanceof Callable || task instanceof Runnable ? task.getClass() : Object.class);
    }

    /**
     * A lambda's class is a hidden class named {@code Shop$$Lambda/0x...}, a fresh suffix per run: the enclosing
     * class's name is what stays stable. An anonymous class has no simple name: its binary name ({@code Shop$1})
     * is used.
     */
    static String classNameOf(Class<?> c) {
        String name = c.getName();
        int lambda = name.indexOf("$$Lambda");
        if (lambda >= 0) {
            name = name.substring(0, lambda);
        } else if (!c.getSimpleName().isEmpty()) {
            return c.getSimpleName();
        }
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
