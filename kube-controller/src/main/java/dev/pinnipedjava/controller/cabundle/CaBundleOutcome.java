package dev.pinnipedjava.controller.cabundle;

import org.jspecify.annotations.Nullable;

/**
 * What a {@code spec.tls} gives, with the message of its {@code TLSConfigurationValid} condition.
 *
 * @param valid whether the configuration is usable
 * @param bundle the configured CA bundle; null when there is none (the system's roots) or it is
 *     invalid
 * @param message Pinniped's message for the condition
 */
public record CaBundleOutcome<T>(boolean valid, @Nullable T bundle, String message) {}
