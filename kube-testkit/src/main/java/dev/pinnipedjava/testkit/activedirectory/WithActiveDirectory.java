package dev.pinnipedjava.testkit.activedirectory;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class the JVM's Samba AD domain controller: declare an {@link
 * ActiveDirectoryServer} constructor or method parameter. Needs root and the Debian Samba packages.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ActiveDirectoryExtension.class)
public @interface WithActiveDirectory {}
