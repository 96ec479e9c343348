package dev.pinnipedjava.api.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OpenAPI {@code format} of a string property, such as {@code date-time}, which the API server
 * validates. Integer formats need no annotation: {@code int32} and {@code int64} follow from the
 * Java type.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Format {
  String value();
}
