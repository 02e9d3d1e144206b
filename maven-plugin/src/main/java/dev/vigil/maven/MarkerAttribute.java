package dev.vigil.maven;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.Attribute;
import net.bytebuddy.jar.asm.ByteVector;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Marks a class file as instrumented, and for which version of the bytecode interface
 * ({@code dev.vigil.bytecode.InstrumentedMethod.VERSION}), so that a second run of the same plugin leaves it alone
 * and a run of another version instruments it again.
 *
 * <p>A custom class-file attribute rather than a field or an annotation: the JVM and javac ignore unknown
 * attributes (JVMS 4.7.1), so the mark changes nothing a program or a compiler can see: no reflective
 * member, no annotation type that has to be on anyone's class path, no serialVersionUID change. Its content is the
 * version as a {@code u2}; the first plugin wrote 1 there, which is the version its code spoke.
 */
final class MarkerAttribute extends Attribute {
    /** The attribute name; vendor-qualified as JVMS 4.7.1 recommends. */
    static final String NAME = "dev.vigil.Instrumented";
    /** What {@link ClassScanner} reports for a class without the attribute. */
    static final int UNMARKED = -1;
    /** Hands ASM's reader the attributes named {@link #NAME}, so that their content is read. */
    static final MarkerAttribute PROTOTYPE = new MarkerAttribute(UNMARKED);

    private final int version;

    private MarkerAttribute(int version) {
        super(NAME);
        this.version = version;
    }

    /** @return the version it records; 0 when its content is too short to hold one */
    int version() {
        return version;
    }

    @Override
    protected Attribute read(ClassReader classReader, int offset, int length, char[] charBuffer,
                             int codeAttributeOffset, Label[] labels) {
        return new MarkerAttribute(length >= 2 ? classReader.readUnsignedShort(offset) : 0);
    }

    @Override
    protected ByteVector write(ClassWriter classWriter, byte[] code, int codeLength, int maxStack, int maxLocals) {
        return new ByteVector(2).putShort(version);
    }

    /**
     * @param version the bytecode interface version the instrumented code speaks
     * @return a visitor wrapper that adds the mark to the class it rewrites
     */
    static AsmVisitorWrapper adder(int version) {
        MarkerAttribute mark = new MarkerAttribute(version);
        return new AsmVisitorWrapper.AbstractBase() {
            @Override
            public ClassVisitor wrap(TypeDescription instrumentedType, ClassVisitor classVisitor,
                                     Implementation.Context implementationContext, TypePool typePool,
                                     FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods,
                                     int writerFlags, int readerFlags) {
                return new ClassVisitor(OpenedClassReader.ASM_API, classVisitor) {
                    @Override
                    public void visitEnd() {
                        // ClassWriter keeps attributes in a list written after the members, so adding it last is fine.
                        super.visitAttribute(mark);
                        super.visitEnd();
                    }
                };
            }
        };
    }
}
