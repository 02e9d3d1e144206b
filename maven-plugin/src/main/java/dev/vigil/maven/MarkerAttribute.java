package dev.vigil.maven;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.Attribute;
import net.bytebuddy.jar.asm.ByteVector;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Marks a class file as instrumented, so that a second run (an incremental build) leaves it alone.
 *
 * <p>A custom class-file attribute rather than a field or an annotation: the JVM and javac ignore unknown
 * attributes (JVMS 4.7.1), so the mark changes nothing a program or a compiler can see: no reflective
 * member, no annotation type that has to be on anyone's class path, no serialVersionUID change.
 */
final class MarkerAttribute extends Attribute {
    /** The attribute name; vendor-qualified as JVMS 4.7.1 recommends. */
    static final String NAME = "dev.vigil.Instrumented";
    /** The attribute's content: a format version, for a future plugin that instruments differently. */
    private static final int FORMAT = 1;

    MarkerAttribute() {
        super(NAME);
    }

    @Override
    protected ByteVector write(ClassWriter classWriter, byte[] code, int codeLength, int maxStack, int maxLocals) {
        return new ByteVector(2).putShort(FORMAT);
    }

    /** @return a visitor wrapper that adds the mark to the class it rewrites */
    static AsmVisitorWrapper adder() {
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
                        super.visitAttribute(new MarkerAttribute());
                        super.visitEnd();
                    }
                };
            }
        };
    }
}
