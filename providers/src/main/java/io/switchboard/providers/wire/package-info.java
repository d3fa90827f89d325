/** Small wire conventions shared by several formats (id prefixes, image URLs); not an API for other modules. */
package io.switchboard.providers.wire;
