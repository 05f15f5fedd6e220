// Components in these tests are compiled just in time: the compiler must load first.
import "@angular/compiler";
