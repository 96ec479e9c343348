package dev.pinnipedjava.api.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The default of a property as a JSON literal, for defaults fabric8's {@code @Default} cannot
 * express: objects (for example {@code {}}, which makes the API server apply the object's own
 * property defaults) and the empty string ({@code ""}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface JsonDefault {
  String value();
}
