import styles from 'ansi-styles';
console.log(JSON.stringify(`${styles.green.open}Hello world!${styles.green.close}`), JSON.stringify(styles.bold));
console.log(JSON.stringify([styles.color.close, styles.bgColor.close, styles.underline.open]));
console.log(JSON.stringify(styles.color.ansi(styles.rgbToAnsi(199, 20, 250))), JSON.stringify(styles.color.ansi256(styles.rgbToAnsi256(199, 20, 250))));
console.log(JSON.stringify(styles.color.ansi16m(...styles.hexToRgb('#abcdef'))), styles.hexToRgb('#fff'), styles.ansi256ToAnsi(196), styles.hexToAnsi256('#ff0000'));
console.log([...styles.codes.entries()].length, Object.keys(styles.modifier).join(' '));
