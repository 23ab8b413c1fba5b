/**
 * Which mode {@code truce serve} runs in, decided at start from the configuration: the GitHub App (its credentials
 * configured: webhook, jobs, pipeline) or the setup page (none of them). The App's packages mark their beans with
 * {@link dev.truce.appmode.ConditionalOnGitHubApp}, the setup page's with
 * {@link dev.truce.appmode.ConditionalOnSetupMode}, so neither needs to know the server's wiring.
 */
package dev.truce.appmode;
