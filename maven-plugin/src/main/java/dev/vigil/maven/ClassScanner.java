package dev.vigil.maven;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.Attribute;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Reads a class file's method annotations without reading any code, so that the (much slower) ByteBuddy
 * rewrite only runs for the few classes that carry a Vigil annotation.
 */
final class ClassScanner {
    /** The annotations that ask for instrumentation, in the order messages name them. */
    static final List<String> METHOD_ANNOTATIONS = List.of("Timed", "Counted", "Traced");
    private static final String PACKAGE_DESCRIPTOR = "Ldev/vigil/annotation/";
    private static final String TAG_DESCRIPTOR = "Ldev/vigil/annotation/Tag;";

    private ClassScanner() {
    }

    /**
     * One method that carries {@code @Timed}, {@code @Counted}, {@code @Traced} or a {@code @Tag} parameter.
     *
     * @param name the method name
     * @param descriptor the JVM descriptor
     * @param access the access flags
     * @param annotations the simple names of its Vigil method annotations, in {@link #METHOD_ANNOTATIONS} order
     * @param hasTag whether a parameter carries {@code @Tag}
     */
    record ScannedMethod(String name, String descriptor, int access, List<String> annotations, boolean hasTag) {
        /**
         * @param flag an {@code ACC_} constant of {@link net.bytebuddy.jar.asm.Opcodes}
         * @return whether the method has it
         */
        boolean is(int flag) {
            return (access & flag) != 0;
        }
    }

    /**
     * What a class file says about instrumentation.
     *
     * @param className the binary class name, dots for packages
     * @param majorVersion the class file major version (55 is Java 11)
     * @param markerVersion the bytecode interface version its {@link MarkerAttribute} records, or
     *                      {@link MarkerAttribute#UNMARKED} when no earlier run instrumented it
     * @param methods the methods with Vigil annotations, possibly none
     */
    record ScannedClass(String className, int majorVersion, int markerVersion, List<ScannedMethod> methods) {
        /** @return whether an earlier run instrumented it, for whichever version */
        boolean instrumented() {
            return markerVersion != MarkerAttribute.UNMARKED;
        }
    }

    /**
     * @param classFile the bytes of a class file
     * @return what it says about instrumentation
     * @throws IllegalArgumentException when the bytes are not a class file ASM can read
     */
    static ScannedClass scan(byte[] classFile) {
        Visitor v = new Visitor();
        // SKIP_CODE: annotations live in method attributes, never in the code, so the bodies are not parsed.
        OpenedClassReader.of(classFile).accept(v, new Attribute[] {MarkerAttribute.PROTOTYPE},
                ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new ScannedClass(v.className, v.major, v.markerVersion, v.methods);
    }

    private static final class Visitor extends ClassVisitor {
        final List<ScannedMethod> methods = new ArrayList<>();
        String className;
        int major;
        int markerVersion = MarkerAttribute.UNMARKED;

        Visitor() {
            super(OpenedClassReader.ASM_API);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name.replace('/', '.');
            major = version & 0xFFFF;
        }

        @Override
        public void visitAttribute(Attribute attribute) {
            if (attribute instanceof MarkerAttribute) {
                markerVersion = ((MarkerAttribute) attribute).version();
            }
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            return new MethodVisitor(OpenedClassReader.ASM_API) {
                private final boolean[] found = new boolean[METHOD_ANNOTATIONS.size()];
                private boolean tag;

                @Override
                public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
                    if (desc.startsWith(PACKAGE_DESCRIPTOR)) {
                        int i = METHOD_ANNOTATIONS.indexOf(desc.substring(PACKAGE_DESCRIPTOR.length(), desc.length() - 1));
                        if (i >= 0) {
                            found[i] = true;
                        }
                    }
                    return null;
                }

                @Override
                public AnnotationVisitor visitParameterAnnotation(int parameter, String desc, boolean visible) {
                    tag |= TAG_DESCRIPTOR.equals(desc);
                    return null;
                }

                @Override
                public void visitEnd() {
                    List<String> names = new ArrayList<>(found.length);
                    for (int i = 0; i < found.length; i++) {
                        if (found[i]) {
                            names.add(METHOD_ANNOTATIONS.get(i));
                        }
                    }
                    if (!names.isEmpty() || tag) {
                        methods.add(new ScannedMethod(name, descriptor, access, List.copyOf(names), tag));
                    }
                }
            };
        }
    }
}
