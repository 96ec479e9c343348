package dev.pinnipedjava.api.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an object type that server-side apply replaces as a whole, emitted as {@code
 * x-kubernetes-map-type: atomic} wherever the type is used (as Kubernetes does for object
 * references).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AtomicObject {}
