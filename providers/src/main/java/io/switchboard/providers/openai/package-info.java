/** What OpenAI's two formats share (the error envelope); each format lives in its own subpackage. */
package io.switchboard.providers.openai;
