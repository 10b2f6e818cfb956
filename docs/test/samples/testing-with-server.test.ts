// The sample is itself a test file: importing it registers its tests here.
import '../../samples/testing-with-server.js';
