/**
 * Status conditions as controllers write them: merged into the existing ones so that unchanged
 * conditions keep their transition time, and written only when the status really changed.
 */
@NullMarked
package dev.pinnipedjava.controller.conditions;

import org.jspecify.annotations.NullMarked;
