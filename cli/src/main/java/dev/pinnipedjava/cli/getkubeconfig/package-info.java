/**
 * {@code get kubeconfig}: a kubeconfig for the current cluster whose exec section runs this CLI's
 * login commands, with everything it can discovered from the cluster and the Supervisor.
 */
@NullMarked
package dev.pinnipedjava.cli.getkubeconfig;

import org.jspecify.annotations.NullMarked;
