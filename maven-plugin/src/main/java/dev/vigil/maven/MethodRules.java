package dev.vigil.maven;

import dev.vigil.maven.ClassScanner.ScannedClass;
import dev.vigil.maven.ClassScanner.ScannedMethod;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Decides which annotated methods can be instrumented, and explains the ones that cannot. An annotation
 * that silently did nothing would be worse than a failed build, so every misplaced one is reported with
 * the class, the method and what to do instead.
 */
final class MethodRules {
    private MethodRules() {
    }

    /**
     * @param type a scanned class
     * @param problems where to add one message per misplaced annotation
     * @return the methods to instrument
     */
    static List<ScannedMethod> targets(ScannedClass type, List<String> problems) {
        List<ScannedMethod> targets = new ArrayList<>();
        for (ScannedMethod m : type.methods()) {
            if (m.is(Opcodes.ACC_BRIDGE) || m.is(Opcodes.ACC_SYNTHETIC)) {
                // javac copies method and parameter annotations onto the bridges of generic overrides; a
                // bridge only calls the real method, which is instrumented, so instrumenting it too would
                // record every call twice. Other synthetic methods are compiler plumbing the user did not write.
                continue;
            }
            String problem = problem(m);
            if (problem == null) {
                targets.add(m);
            } else {
                problems.add(type.className() + "#" + m.name() + ": " + problem);
            }
        }
        return targets;
    }

    private static String problem(ScannedMethod m) {
        if (m.annotations().isEmpty()) {
            return "@Tag does nothing on a method without @Timed, @Counted or @Traced;"
                    + " annotate the method or remove @Tag";
        }
        String what = names(m.annotations()) + " cannot work on ";
        if (m.name().equals("<init>") || m.name().equals("<clinit>")) {
            return what + "a constructor or initializer; put it on a method";
        }
        if (m.is(Opcodes.ACC_ABSTRACT)) {
            return what + "an abstract method; put it on the implementation";
        }
        if (m.is(Opcodes.ACC_NATIVE)) {
            return what + "a native method; put it on the Java method that calls it";
        }
        return null;
    }

    /** @return "@Timed", "@Timed and @Traced", "@Timed, @Counted and @Traced" */
    private static String names(List<String> annotations) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < annotations.size(); i++) {
            if (i > 0) {
                b.append(i == annotations.size() - 1 ? " and " : ", ");
            }
            b.append('@').append(annotations.get(i));
        }
        return b.toString();
    }
}
