/** The client.authentication.k8s.io ExecCredential protocol between kubectl and this plugin. */
@NullMarked
package dev.pinnipedjava.cli.execcredential;

import org.jspecify.annotations.NullMarked;
