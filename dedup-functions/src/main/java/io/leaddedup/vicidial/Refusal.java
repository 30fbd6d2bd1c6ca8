package io.leaddedup.vicidial;

/** A record VICIdial cannot hold as it is: reported with the reason, never applied cut down. */
public final class Refusal extends Exception {

    private static final long serialVersionUID = 1L;

    public Refusal(String reason) {
        super(reason, null, false, false);
    }
}
