/** Locating, configuring, starting and stopping etcd and kube-apiserver on loopback. */
@NullMarked
package dev.pinnipedjava.testkit.controlplane;

import org.jspecify.annotations.NullMarked;
