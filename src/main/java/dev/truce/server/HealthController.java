package dev.truce.server;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /healthz}: 200 while the service is up, for load balancers and container probes. */
@RestController
class HealthController {

    @GetMapping("/healthz")
    ResponseEntity<String> health() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("ok\n");
    }
}
