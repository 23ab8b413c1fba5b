/**
 * Registering the GitHub App in one go (GitHub's App manifest flow): {@code truce serve} without App credentials serves
 * {@code /setup}, which posts a manifest to GitHub, exchanges the code GitHub redirects back with for the App's id,
 * slug, private key and webhook secret, and stores them in the data directory with owner-only permissions.
 */
package dev.truce.setup;
