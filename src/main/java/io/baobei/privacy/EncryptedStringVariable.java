package io.baobei.privacy;

import org.camunda.bpm.engine.impl.variable.serializer.PrimitiveValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.impl.value.PrimitiveTypeValueImpl;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * A string process or task variable that is contact data: stored as ciphertext (the same AES-GCM as the
 * business tables, {@link ContactCrypto}) in ACT_RU_VARIABLE and read back as an ordinary string, so a Camunda
 * Form shows it in clear to whoever may read the variable. Only values created with {@link #of(String)} are
 * encrypted; every other string keeps Camunda's own serializer. History never sees these values: their names
 * are personal (engine.PersonalDataHistoryLevel drops their events).
 */
public final class EncryptedStringVariable {

    /** the serializer's name, stored in ACT_RU_VARIABLE.TYPE_ */
    public static final String SERIALIZER_NAME = "baobei-encrypted-string";

    private EncryptedStringVariable() {
    }

    /** A string variable value to be stored encrypted. */
    public static StringValue of(String plain) {
        return new Value(plain);
    }

    /** Marks a value for {@link Serializer}; its type is Camunda's plain String, so it reads like any string. */
    static final class Value extends PrimitiveTypeValueImpl.StringValueImpl {

        private static final long serialVersionUID = 1L;

        Value(String plain) {
            super(plain);
        }
    }

    /** Registered before Camunda's own serializers (engine.EngineConfig), so it is asked first. */
    public static final class Serializer extends PrimitiveValueSerializer<StringValue> {

        public Serializer() {
            super(ValueType.STRING);
        }

        @Override
        public String getName() {
            return SERIALIZER_NAME;
        }

        @Override
        protected boolean canWriteValue(TypedValue value) {
            return value instanceof Value;
        }

        @Override
        public StringValue convertToTypedValue(UntypedValueImpl untypedValue) {
            // never chosen for an untyped value (canWriteValue refuses it); kept a plain string if ever asked
            return new PrimitiveTypeValueImpl.StringValueImpl((String) untypedValue.getValue());
        }

        @Override
        public void writeValue(StringValue value, ValueFields valueFields) {
            valueFields.setTextValue(ContactCrypto.get().encrypt(value.getValue()));
        }

        @Override
        public StringValue readValue(ValueFields valueFields, boolean asTransientValue) {
            // read back as a plain string value: written again (a form submission), it is no longer marked
            return new PrimitiveTypeValueImpl.StringValueImpl(ContactCrypto.get().decrypt(valueFields.getTextValue()),
                    asTransientValue);
        }
    }
}
