// Public surface of the clustering unit: k-means and DBSCAN.
export { DBSCAN, type DBSCANParams } from './dbscan.js';
export { KMeans, type KMeansParams } from './kmeans.js';
