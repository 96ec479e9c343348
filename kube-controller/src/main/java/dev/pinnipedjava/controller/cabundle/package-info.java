/**
 * Reading a {@code spec.tls} CA bundle, inline or from a Secret or ConfigMap, with Pinniped's
 * messages.
 */
@NullMarked
package dev.pinnipedjava.controller.cabundle;

import org.jspecify.annotations.NullMarked;
