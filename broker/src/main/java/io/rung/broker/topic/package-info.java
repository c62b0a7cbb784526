/** Topic names, filters, and the trie that matches them. */
@NullMarked
package io.rung.broker.topic;

import org.jspecify.annotations.NullMarked;
