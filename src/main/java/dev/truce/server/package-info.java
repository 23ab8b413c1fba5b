/** {@code truce serve}: the Spring Boot application that hosts the GitHub App, and its typed configuration. */
package dev.truce.server;
