/** The picocli command tree: flags, defaults, help texts, and the one place errors are rendered. */
@NullMarked
package dev.pinnipedjava.cli.command;

import org.jspecify.annotations.NullMarked;
