/**
 * Reading kubeconfig files, and turning the selected context into connection settings (running its
 * credential plugin as kubectl would).
 */
@NullMarked
package dev.pinnipedjava.cli.kubeconfig;

import org.jspecify.annotations.NullMarked;
