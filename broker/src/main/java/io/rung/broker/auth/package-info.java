/** Authentication (password file, tokens) and authorisation (ACL) of broker clients. */
@NullMarked
package io.rung.broker.auth;

import org.jspecify.annotations.NullMarked;
