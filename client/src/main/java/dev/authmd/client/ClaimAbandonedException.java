package dev.authmd.client;

/** The {@link ClaimPrompt} gave no code, or gave up; the registration stays as it was and can be claimed later. */
public final class ClaimAbandonedException extends AuthMdClientException {

    private static final long serialVersionUID = 1L;

    /** @param message what was left unfinished */
    public ClaimAbandonedException(String message) {
        super(message);
    }
}
