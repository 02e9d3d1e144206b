package dev.vigil.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.bytecode.InstrumentedMethod;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ConstantDynamic;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the shape of the generated code: the site constant, no needless allocation, no added members. */
class BytecodeTest {
    static final String SHOP = """
            package fixture;
            import dev.vigil.annotation.*;
            public class Shop {
                @Timed("shop.checkout")
                public String checkout(@Tag("plan") String plan) { return plan; }
                @Counted("shop.visits")
                public int visit(int n) { return n; }
                public String plain() { return "plain"; }
            }
            """;

    @TempDir
    Path dir;

    @AfterEach
    void reset() {
        Vigil.resetGlobalForTest();
    }

    @Test
    void loadsTheSiteAsAConstantDynamicBootstrappedByTheBytecodeInterface() {
        Path classes = Fixtures.compile(dir, Map.of("fixture.Shop", SHOP));
        Fixtures.instrument(classes);
        Code code = Code.of(Fixtures.read(classes, "fixture.Shop"));

        assertThat(code.ldc("checkout")).hasSize(2).allSatisfy(c -> {
            assertThat(c).isInstanceOf(ConstantDynamic.class);
            ConstantDynamic condy = (ConstantDynamic) c;
            assertThat(condy.getDescriptor()).isEqualTo("Ldev/vigil/bytecode/InstrumentedMethod;");
            assertThat(condy.getBootstrapMethod().getOwner()).isEqualTo("dev/vigil/bytecode/InstrumentedMethod");
            assertThat(condy.getBootstrapMethod().getName()).isEqualTo("bootstrap");
            assertThat(condy.getBootstrapMethodArgumentCount()).isEqualTo(3);
            assertThat(condy.getBootstrapMethodArgument(0)).isEqualTo(InstrumentedMethod.VERSION);
            assertThat(condy.getBootstrapMethodArgument(1)).isEqualTo("checkout");
            assertThat(condy.getBootstrapMethodArgument(2)).isEqualTo("(Ljava/lang/String;)Ljava/lang/String;");
        });
        assertThat(code.calls("checkout")).contains("dev/vigil/bytecode/InstrumentedMethod.enter",
                "dev/vigil/bytecode/InstrumentedMethod.exit");
        assertThat(code.owners).allMatch(owner -> !owner.startsWith("dev/vigil/") || owner.startsWith("dev/vigil/bytecode/"));
        assertThat(code.calls("plain")).isEmpty();
        assertThat(code.ldc("plain")).containsExactly("plain");
    }

    @Test
    void allocatesNoArgumentsArrayWithoutTagAndBoxesNoPrimitiveResult() {
        Path classes = Fixtures.compile(dir, Map.of("fixture.Shop", SHOP));
        Fixtures.instrument(classes);
        Code code = Code.of(Fixtures.read(classes, "fixture.Shop"));

        assertThat(code.opcodes("checkout")).contains(Opcodes.ANEWARRAY);
        assertThat(code.opcodes("visit")).doesNotContain(Opcodes.ANEWARRAY, Opcodes.NEWARRAY, Opcodes.NEW);
        assertThat(code.calls("visit")).noneMatch(c -> c.endsWith(".valueOf"));
    }

    @Test
    void addsNoMemberAndMarksTheClass() {
        Path classes = Fixtures.compile(dir, Map.of("fixture.Shop", SHOP));
        Code before = Code.of(Fixtures.read(classes, "fixture.Shop"));
        Fixtures.instrument(classes);
        Code after = Code.of(Fixtures.read(classes, "fixture.Shop"));

        assertThat(after.members).isEqualTo(before.members);
        assertThat(ClassScanner.scan(Fixtures.read(classes, "fixture.Shop")).markerVersion()).isEqualTo(InstrumentedMethod.VERSION);
        assertThat(before.version).isEqualTo(after.version).isEqualTo(Opcodes.V17);
    }

    @Test
    void preJava11ClassFilesLookTheSiteUpInstead() throws Exception {
        Path classes = Fixtures.compile(dir, Map.of("fixture.Shop", SHOP), "--release", "8");
        Instrumenter.Result result = Fixtures.instrument(classes);
        assertThat(result.problems()).isEmpty();
        Code code = Code.of(Fixtures.read(classes, "fixture.Shop"));
        assertThat(code.version).isEqualTo(Opcodes.V1_8);
        assertThat(code.ldc("checkout")).noneMatch(c -> c instanceof ConstantDynamic);
        assertThat(code.calls("checkout")).contains("dev/vigil/bytecode/InstrumentedMethod.of");

        RecordingBackends.Metrics metrics = new RecordingBackends.Metrics();
        Vigil.builder().discoverBackends(false).metrics(metrics).install();
        try (URLClassLoader loader = Fixtures.loader(classes)) {
            Object shop = Class.forName("fixture.Shop", true, loader).getConstructor().newInstance();
            assertThat(shop.getClass().getMethod("checkout", String.class).invoke(shop, "pro")).isEqualTo("pro");
            assertThat(shop.getClass().getMethod("visit", int.class).invoke(shop, 7)).isEqualTo(7);
        }
        assertThat(metrics.timings("TIMER shop.checkout{plan=pro}")).hasSize(1);
        assertThat(metrics.count("COUNTER shop.visits{}")).isEqualTo(1);
    }

    /** What a class file's code does, per method name. */
    static final class Code {
        final Map<String, List<Object>> ldc = new java.util.HashMap<>();
        final Map<String, List<String>> calls = new java.util.HashMap<>();
        final Map<String, List<Integer>> opcodes = new java.util.HashMap<>();
        final List<String> members = new ArrayList<>();
        /** Every class the code calls a method of, or loads a dynamic constant from. */
        final java.util.Set<String> owners = new java.util.TreeSet<>();
        int version;

        static Code of(byte[] classFile) {
            Code code = new Code();
            OpenedClassReader.of(classFile).accept(new ClassVisitor(OpenedClassReader.ASM_API) {
                @Override
                public void visit(int v, int access, String name, String signature, String superName, String[] interfaces) {
                    code.version = v;
                }

                @Override
                public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                    code.members.add(access + " " + name + " " + descriptor);
                    return null;
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    code.members.add(access + " " + name + descriptor);
                    List<Object> constants = code.ldc.computeIfAbsent(name, k -> new ArrayList<>());
                    List<String> invoked = code.calls.computeIfAbsent(name, k -> new ArrayList<>());
                    List<Integer> ops = code.opcodes.computeIfAbsent(name, k -> new ArrayList<>());
                    return new MethodVisitor(OpenedClassReader.ASM_API) {
                        @Override
                        public void visitLdcInsn(Object value) {
                            constants.add(value);
                            if (value instanceof ConstantDynamic) {
                                code.owners.add(((ConstantDynamic) value).getBootstrapMethod().getOwner());
                            }
                        }

                        @Override
                        public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                            invoked.add(owner + "." + method);
                            code.owners.add(owner);
                        }

                        @Override
                        public void visitTypeInsn(int opcode, String type) {
                            ops.add(opcode);
                        }

                        @Override
                        public void visitIntInsn(int opcode, int operand) {
                            ops.add(opcode);
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG);
            return code;
        }

        List<Object> ldc(String method) {
            return ldc.get(method);
        }

        List<String> calls(String method) {
            return calls.get(method);
        }

        List<Integer> opcodes(String method) {
            return opcodes.get(method);
        }
    }
}
