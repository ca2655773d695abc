package dev.storageledger.web.error;

import dev.storageledger.database.DatabaseStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The problem answers of database failures, for the web slices: what ApiExceptionHandler needs beside its
 * ProblemResponses. Imported by WebSliceConfiguration, never scanned.
 */
@Import(DatabaseProblems.class)
public class ErrorSliceConfiguration {

    @Bean
    DatabaseStatus databaseStatus() {
        return new DatabaseStatus();
    }
}
