package kaizen.core.python;

/**
 * A Python value, as far as Kaizen needs them: what a MySQL connector returns in a row and what a
 * Python literal can evaluate to. Java equality of these records is structural (NaN equals NaN,
 * element order matters for sets); Python's {@code ==} is {@link PythonOps#pyEquals}.
 */
public sealed interface PyValue
        permits PyNone, PyBool, PyInt, PyFloat, PyStr, PyByteString, PyDecimal,
                PyList, PyTuple, PySet, PyDict, PyDate, PyDateTime, PyTimedelta {

    /** Python's type name, as {@code type(x).__name__} prints it. */
    String typeName();
}
