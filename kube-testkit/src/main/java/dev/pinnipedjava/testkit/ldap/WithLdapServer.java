package dev.pinnipedjava.testkit.ldap;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class its own OpenLDAP server: declare an {@link LdapServer} constructor or method
 * parameter. The server starts on first use and stops after the class's last test, so the changes
 * one class makes do not reach another.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LdapServerExtension.class)
public @interface WithLdapServer {}
