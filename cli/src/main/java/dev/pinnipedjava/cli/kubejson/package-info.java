/** Jackson mappers that read and write JSON and YAML the way Kubernetes' Go code does. */
@NullMarked
package dev.pinnipedjava.cli.kubejson;

import org.jspecify.annotations.NullMarked;
